import { zodResolver } from '@hookform/resolvers/zod';
import type { DefaultValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import {
  residentInputSchema,
  type RELATIONSHIPS,
  type Resident,
} from '../../../src-shared/schemas/resident';

export type ResidentFormValues = z.input<typeof residentInputSchema>;
export type RelationFormValues = NonNullable<ResidentFormValues['relations']>[number];

export const MAX_PHONES = 3;
export const MAX_RELATIONS = 10;

/** No sex is preselected (nor a relationship, below): she must choose, and the schema says so. */
export function emptyResident(stationCommuneCode: string): DefaultValues<ResidentFormValues> {
  return {
    fullName: '',
    birthDate: '',
    ethnicity: '01',
    nationality: 'VN',
    religion: '',
    occupation: '',
    personalId: '',
    cmnd: '',
    bhyt: '',
    noPapers: false,
    phones: [{ number: '' }],
    // Most people registered at a station live in its commune.
    currentAddress: { communeCode: stationCommuneCode, street: '' },
    permanentSameAsCurrent: true,
    permanentAddress: { communeCode: '', street: '' },
    relations: [],
  };
}

export function emptyRelation(): RelationFormValues {
  return {
    fullName: '',
    relationship: '' as unknown as (typeof RELATIONSHIPS)[number],
    phone: '',
    isGuardian: false,
    residentId: '',
  };
}

/** A stored resident as form values: always at least one phone row to type into. */
export function residentToForm(resident: Resident): ResidentFormValues {
  return {
    ...resident,
    phones: resident.phones.length > 0 ? resident.phones.map((p) => ({ ...p })) : [{ number: '' }],
    currentAddress: { ...resident.currentAddress },
    permanentAddress: { ...resident.permanentAddress },
    relations: resident.relations.map((r) => ({ ...r })),
  };
}

const schemaResolver = zodResolver(residentInputSchema);

/**
 * The schema, with blank phone rows at the end left out: the form always offers a phone row,
 * and leaving it empty means "no phone". Only trailing rows are dropped so every remaining
 * row keeps its index, and an error still lands on the row she typed.
 */
export const residentResolver: Resolver<ResidentFormValues, unknown, Resident> = (
  values,
  context,
  options,
) => {
  const phones = [...(values.phones ?? [])];
  while (phones.length > 0 && (phones[phones.length - 1]?.number ?? '').trim() === '') phones.pop();
  return schemaResolver({ ...values, phones }, context, options);
};
