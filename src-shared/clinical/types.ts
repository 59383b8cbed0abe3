/** A label or item text in the station's two languages; Vietnamese is the working language. */
export interface LocalisedText {
  readonly vi: string;
  readonly en: string;
}

/**
 * The outcome of classifying one measurement. A value that is absent is `missing`; a value no
 * real person has is `implausible` (with the i18n key to show) and is never classified.
 */
export type Classification<Category extends string, Details extends object = object> =
  | { readonly status: 'missing' }
  | { readonly status: 'implausible'; readonly message: string }
  | ({
      readonly status: 'classified';
      readonly category: Category;
      readonly source: string;
    } & Details);

/** A number the form holds: blank fields arrive as null/undefined, text in a number field as NaN. */
export function isEntered(value: number | null | undefined): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/**
 * Half-up rounding to `decimals` places on the decimal value the user sees: 22.95 → 23.0,
 * although 22.95 is stored in binary as 22.9499…; 12 significant digits remove that noise.
 */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(Number((value * factor).toPrecision(12))) / factor;
}
