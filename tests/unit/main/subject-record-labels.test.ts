import { describe, expect, it } from 'vitest';
import * as labels from '../../../src-main/subject-rights/labels-vi';
import { AUDIT_ACTIONS } from '../../../src-renderer/features/admin/audit-actions';
import viAdmin from '../../../src-renderer/i18n/vi/admin.json';
import viCommon from '../../../src-renderer/i18n/vi/common.json';
import viDeclaration from '../../../src-renderer/i18n/vi/declaration.json';
import viRegistry from '../../../src-renderer/i18n/vi/registry.json';
import viSubject from '../../../src-renderer/i18n/vi/subject.json';

/**
 * The printed record's Vietnamese labels live on the main side (it never imports UI code);
 * they must say exactly what the screens say.
 */
describe('the labels of the printed record', () => {
  it('name the QĐ 831 codes as the declaration screens do', () => {
    const { unset, ...latrine } = viDeclaration.codes.latrine;
    expect(labels.CODE_LABELS).toEqual({
      ...viDeclaration.codes,
      latrine: { '': unset, ...latrine },
    });
  });

  it('name purposes, sections, risks and fields as the declaration screens do', () => {
    expect(labels.CONSENT_PURPOSE_LABELS).toEqual(viDeclaration.consent.purpose);
    expect(labels.DECLARATION_SECTION_LABELS).toEqual(viDeclaration.sections);
    expect(labels.DECLARATION_SECTION_NAMES).toEqual(viDeclaration.sectionNames);
    expect(labels.RISK_UNITS).toEqual(viDeclaration.view.unit);
    for (const [key, text] of Object.entries(labels.RISK_LABELS)) {
      expect(viDeclaration.risk[key as keyof typeof labels.RISK_LABELS]).toBe(text);
    }
    const json = viDeclaration as unknown as Record<string, Record<string, unknown>>;
    const groups: Record<string, string> = { risk: 'risk', view: 'view', consent: 'consent' };
    for (const [group, fields] of Object.entries(labels.DECLARATION_FIELD_LABELS)) {
      for (const [field, text] of Object.entries(fields)) {
        expect([group, field, json[groups[group] ?? group]?.[field]]).toEqual([group, field, text]);
      }
    }
  });

  it('name the administrative record as the registry screens do', () => {
    expect(labels.SEX_LABELS).toEqual(viCommon.sex);
    expect(labels.RELATIONSHIP_LABELS).toEqual(viRegistry.relationship);
    expect(labels.IDENTIFIER_KIND_LABELS).toEqual(viRegistry.identifierKind);
    const known: Record<string, string> = { ...viRegistry.fields, ...viRegistry.form.sections };
    for (const [field, text] of Object.entries(labels.RESIDENT_FIELD_LABELS)) {
      expect(Object.values(known)).toContain(text);
      expect(field).not.toBe('');
    }
  });

  it('name requests as the rights screen does', () => {
    expect(labels.SUBJECT_REQUEST_KIND_LABELS).toEqual(viSubject.kind);
    expect(labels.REQUESTER_LABELS).toEqual(viSubject.requestedBy);
    expect(labels.PURPOSE_NAMES).toEqual(viSubject.purpose);
  });

  it('name every audited action as the audit screen does', () => {
    const flattened = Object.fromEntries(
      Object.entries(viAdmin.audit.actions).flatMap(([group, actions]) =>
        Object.entries(actions).map(([name, text]) => [`${group}.${name}`, text]),
      ),
    );
    expect(labels.AUDIT_ACTION_LABELS).toEqual(flattened);
    expect(Object.keys(labels.AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
