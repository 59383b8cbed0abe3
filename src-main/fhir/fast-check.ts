import {
  SymbolAtom,
  UCUM,
  capitalize,
  evalFhirPathTyped,
  fhirTypeToJsType,
  getElementDefinition,
  isEmpty,
  isPrimitiveType,
  isResource,
  parseFhirPath,
  toTypedValue,
  tryGetDataType,
  validationRegexes,
  type Atom,
  type AtomContext,
  type FhirPathAtom,
  type InternalSchemaElement,
  type InternalTypeSchema,
  type TypedValue,
} from '@medplum/core';
import { loadFhirDefinitions } from './validate';

/**
 * A fast check that proves a resource valid FHIR R4 by the very rules of @medplum/core's
 * `validateResource` (src-main/fhir/validate.ts), on the same definitions, or declines.
 *
 * `true` means `validateResource` would report no error: the check walks the resource
 * against the same element definitions and tests at least everything that walk can object
 * to — element names (choice types included), cardinality, array or single value, the JSON
 * type and lexical form of every primitive (@medplum's own regular expressions), required
 * elements, and every error-severity FHIRPath invariant on the resource and its elements,
 * evaluated by @medplum's own FHIRPath engine. `false` only means "not proven": anything
 * the check does not model — null or empty values, primitive extensions (`_birthDate`),
 * contained or nested resources, profiles' fixed values, patterns and slices, two values
 * for one choice element — is left to `validateResource`, which then decides. So the check
 * never accepts what @medplum/core rejects, and never rejects on its own.
 *
 * It is fast because it walks the JSON's own members once, with per-type tables built on
 * first use, where @medplum's crawler resolves every element of each type, present or not,
 * through its generic property lookup; its invariants read elements through the same
 * tables (SchemaSymbolAtom below). A station's Patient is checked in about a twentieth of
 * @medplum's time.
 */

/** Invariants @medplum/core's validator does not evaluate (its `skippedConstraintKeys`). */
const SKIPPED_CONSTRAINTS: ReadonlySet<string> = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);

/** FHIR R4 strings are at most 1 MB (datatypes.html#string), as @medplum/core checks. */
const MAX_STRING_LENGTH = 1024 * 1024;

type JsType = 'string' | 'number' | 'boolean';

/** An invariant's expression, parsed once, identifiers reading through the tables. */
type CompiledInvariant = FhirPathAtom;

interface PropertyRule {
  /** Key of the element in its type's schema (`value[x]` for `valueQuantity`). */
  elementKey: string;
  element: InternalSchemaElement;
  /** True for one of the JSON names of a choice element. */
  choice: boolean;
  /** The FHIR type the value is walked as (a backbone element's own type name). */
  type: string;
  /** Set for primitive types. */
  jsType: JsType | null;
  pattern: RegExp | undefined;
  integer: boolean;
  positive: boolean;
  unsigned: boolean;
  /** Values this check leaves to @medplum: resources, fixed values, patterns, slices. */
  declined: boolean;
  invariants: CompiledInvariant[];
}

interface TypeRules {
  properties: Map<string, PropertyRule>;
  /** Per element of minimum cardinality ≥ 1, the JSON names that can carry it. */
  required: string[][];
  /** Invariants of the type itself: checked at a resource's root, as @medplum does. */
  invariants: CompiledInvariant[];
}

const rulesByType = new Map<string, TypeRules | null>();
const invariantCache = new Map<string, FhirPathAtom>();

/** The JSON property name of one type of an element, as @medplum/core derives it. */
function jsonName(element: InternalSchemaElement, typeCode: string): string {
  const last = element.path.substring(element.path.lastIndexOf('.') + 1);
  return last.replace('[x]', capitalize(typeCode));
}

function compileInvariants(constraints: InternalSchemaElement['constraints']): CompiledInvariant[] {
  const compiled: CompiledInvariant[] = [];
  for (const constraint of constraints ?? []) {
    if (constraint.severity !== 'error' || SKIPPED_CONSTRAINTS.has(constraint.key)) continue;
    let ast = invariantCache.get(constraint.expression);
    if (ast === undefined) {
      ast = withSchemaNavigation(parseFhirPath(constraint.expression)) as FhirPathAtom;
      invariantCache.set(constraint.expression, ast);
    }
    compiled.push(ast);
  }
  return compiled;
}

function propertyRule(
  elementKey: string,
  element: InternalSchemaElement,
  typeCode: string,
  choice: boolean,
): PropertyRule {
  // @medplum walks an Element or BackboneElement value as the element's first type.
  const type =
    typeCode === 'Element' || typeCode === 'BackboneElement' ? element.type[0]!.code : typeCode;
  const primitive = isPrimitiveType(type);
  const jsType = primitive
    ? ((fhirTypeToJsType as Record<string, JsType | undefined>)[type] ?? null)
    : null;
  return {
    elementKey,
    element,
    choice,
    type,
    jsType,
    pattern: validationRegexes[type],
    integer: type === 'integer' || type === 'positiveInt' || type === 'unsignedInt',
    positive: type === 'positiveInt',
    unsigned: type === 'unsignedInt',
    declined:
      (primitive && jsType === null) ||
      type === 'Resource' ||
      tryGetDataType(type)?.kind === 'resource' ||
      element.fixed !== undefined ||
      element.pattern !== undefined ||
      element.slicing !== undefined,
    invariants: compileInvariants(element.constraints),
  };
}

function buildRules(schema: InternalTypeSchema): TypeRules {
  const properties = new Map<string, PropertyRule>();
  const required: string[][] = [];
  for (const [elementKey, element] of Object.entries(schema.elements)) {
    const choice = elementKey.endsWith('[x]');
    const names: string[] = [];
    for (const { code } of element.type ?? []) {
      const name = jsonName(element, code);
      const taken = properties.get(name);
      if (taken === undefined) {
        properties.set(name, propertyRule(elementKey, element, code, choice));
      } else if (taken.elementKey !== elementKey) {
        // One JSON name for two elements: not modelled here.
        taken.declined = true;
      }
      // Within one element the first type that yields the name wins, as in @medplum.
      names.push(name);
    }
    if (element.min > 0) required.push(names);
  }
  return { properties, required, invariants: compileInvariants(schema.constraints) };
}

function rulesFor(type: string): TypeRules | null {
  let rules = rulesByType.get(type);
  if (rules === undefined) {
    const schema = tryGetDataType(type);
    rules = schema === undefined ? null : buildRules(schema);
    rulesByType.set(type, rules);
  }
  return rules;
}

interface Walk {
  /** The resource being checked, as FHIRPath's %resource and %rootResource. */
  root: TypedValue;
}

const ucum = toTypedValue(UCUM);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invariantsHold(
  invariants: readonly CompiledInvariant[],
  context: TypedValue,
  walk: Walk,
): boolean {
  for (const ast of invariants) {
    // The variables @medplum/core's validator sets for an invariant, fresh for each one.
    const variables = {
      '%context': context,
      '%ucum': ucum,
      '%resource': walk.root,
      '%rootResource': walk.root,
    };
    try {
      const result = evalFhirPathTyped(ast, [context], variables);
      if (result.length !== 1 || result[0]!.value !== true) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function primitiveValid(value: unknown, rule: PropertyRule): boolean {
  if (typeof value !== rule.jsType) return false;
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_LENGTH || value.trim() === '') return false;
    return rule.pattern === undefined || rule.pattern.test(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return false;
    if (rule.integer && !Number.isInteger(value)) return false;
    if (rule.positive && value <= 0) return false;
    if (rule.unsigned && value < 0) return false;
  }
  return true;
}

function valueValid(value: unknown, rule: PropertyRule, walk: Walk): boolean {
  if (rule.jsType !== null) {
    if (!primitiveValid(value, rule)) return false;
  } else {
    const rules = rulesFor(rule.type);
    if (rules === null || !isPlainObject(value) || !objectValid(value, rules, walk, false)) {
      return false;
    }
  }
  return (
    rule.invariants.length === 0 ||
    invariantsHold(rule.invariants, { type: rule.type, value }, walk)
  );
}

function objectValid(
  object: Record<string, unknown>,
  rules: TypeRules,
  walk: Walk,
  isRoot: boolean,
): boolean {
  let members = 0;
  let choicesSeen: string[] | undefined;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) return false;
    members += 1;
    if (isRoot && key === 'resourceType') continue;
    const rule = rules.properties.get(key);
    if (rule === undefined || rule.declined) return false;
    if (rule.choice) {
      // Two values for one choice element: @medplum reads only the first; leave it to it.
      if (choicesSeen?.includes(rule.elementKey)) return false;
      (choicesSeen ??= []).push(rule.elementKey);
    }
    const value = object[key];
    const { min, max, isArray } = rule.element;
    if (isArray) {
      if (!Array.isArray(value) || value.length === 0) return false;
      if (value.length < min || value.length > max) return false;
      for (const item of value) if (!valueValid(item, rule, walk)) return false;
    } else {
      if (Array.isArray(value) || min > 1 || max < 1) return false;
      if (!valueValid(value, rule, walk)) return false;
    }
  }
  if (members === 0) return false;
  for (const names of rules.required) {
    if (!names.some((name) => object[name] !== undefined)) return false;
  }
  return true;
}

/**
 * True when @medplum/core's `validateResource(resource)` would find no error (see the file
 * comment); false when this check cannot prove it, and @medplum/core must be asked.
 */
export function provedValid(resource: unknown): boolean {
  if (!isPlainObject(resource) || typeof resource.resourceType !== 'string') return false;
  loadFhirDefinitions();
  // The type @medplum/core validates the resource as.
  const root = toTypedValue(resource);
  const rules = rulesFor(root.type);
  if (rules === null) return false;
  const walk: Walk = { root };
  return invariantsHold(rules.invariants, root, walk) && objectValid(resource, rules, walk, true);
}

/* ------------------------------------------------------------------------------------------
 * FHIRPath navigation by the element tables.
 * ---------------------------------------------------------------------------------------- */

interface Candidate {
  /** Position in the element's type list: the first one present wins. */
  order: number;
  name: string;
  /** The type the value is read as. */
  type: string;
  /** True for the `_name` key of a primitive extension. */
  primitiveExtension: boolean;
}

/** How to read one child element of one type: its JSON names, both plain and `_name`. */
type Navigation = Map<string, Candidate>;

function buildNavigation(type: string, name: string): Navigation | null {
  const element = getElementDefinition(type, name);
  if (element === undefined) return null;
  const navigation: Navigation = new Map();
  (element.type ?? []).forEach(({ code }, order) => {
    const jsonKey = jsonName(element, code);
    const readAs = code === 'Element' || code === 'BackboneElement' ? element.type[0]!.code : code;
    // Within one element the first type that yields the name wins, as in @medplum.
    if (!navigation.has(jsonKey)) {
      navigation.set(jsonKey, { order, name: jsonKey, type: readAs, primitiveExtension: false });
      navigation.set(`_${jsonKey}`, {
        order,
        name: jsonKey,
        type: readAs,
        primitiveExtension: true,
      });
    }
  });
  return navigation;
}

function typedItem(value: unknown, type: string): TypedValue {
  return {
    type: type === 'Resource' && isResource(value) ? value.resourceType : type,
    value,
  };
}

/**
 * A FHIRPath identifier that reads child elements through per-type tables instead of
 * @medplum's generic lookup, which tries each type of a choice element in turn (50 for
 * `Extension.value[x]`), building two strings for each. It returns what `SymbolAtom.eval`
 * returns: the value of the first of the element's types present (a value or a primitive
 * extension), nothing when that value is empty. Any case it does not model — a variable, a
 * resource type name, a primitive extension, a type without a definition — is handed to
 * `SymbolAtom.eval` itself.
 */
class SchemaSymbolAtom extends SymbolAtom {
  private readonly navigations = new Map<string, Navigation | null>();

  private navigationFor(type: string): Navigation | null {
    let navigation = this.navigations.get(type);
    if (navigation === undefined) {
      navigation = buildNavigation(type, this.name);
      this.navigations.set(type, navigation);
    }
    return navigation;
  }

  override eval(context: AtomContext, input: TypedValue[]): TypedValue[] {
    if (this.name === '$this' || this.name.startsWith('%') || isVariable(context, this.name)) {
      return super.eval(context, input);
    }
    const output: TypedValue[] = [];
    for (const item of input) {
      const object: unknown = item.value;
      if (!object || typeof object !== 'object') continue;
      const navigation = this.navigationFor(item.type);
      if (navigation === null || isResource(object, this.name as never)) {
        output.push(...super.eval(context, [item]));
        continue;
      }
      // The element's first type present, by the object's own keys (a few) rather than by
      // the element's types (up to 50).
      const record = object as Record<string, unknown>;
      let first: Candidate | undefined;
      for (const key in record) {
        const candidate = navigation.get(key);
        if (
          candidate !== undefined &&
          record[key] !== undefined &&
          (first === undefined || candidate.order < first.order)
        ) {
          first = candidate;
        }
      }
      if (first === undefined) continue;
      if (first.primitiveExtension || record[`_${first.name}`] !== undefined) {
        output.push(...super.eval(context, [item]));
        continue;
      }
      const found = record[first.name];
      if (isEmpty(found)) continue;
      if (Array.isArray(found)) {
        for (const value of found)
          if (value !== undefined) output.push(typedItem(value, first.type));
      } else {
        output.push(typedItem(found, first.type));
      }
    }
    return output;
  }
}

function isVariable(context: AtomContext | undefined, name: string): boolean {
  for (let scope = context; scope !== undefined; scope = scope.parent) {
    if (scope.variables[name] !== undefined) return true;
  }
  return false;
}

function isAtom(value: unknown): value is Atom {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { eval?: unknown }).eval === 'function'
  );
}

/**
 * The parsed expression with every identifier replaced by a SchemaSymbolAtom. The tree is
 * this module's own parse, shared with nothing else, so it is rewritten in place.
 */
function withSchemaNavigation(atom: Atom): Atom {
  if (atom instanceof SymbolAtom) return new SchemaSymbolAtom(atom.name);
  const fields = atom as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const field = fields[key];
    if (isAtom(field)) fields[key] = withSchemaNavigation(field);
    else if (Array.isArray(field)) {
      fields[key] = field.map((item: unknown) =>
        isAtom(item) ? withSchemaNavigation(item) : item,
      );
    }
  }
  return atom;
}
