/** The people who use a station workstation (DEVELOPERS.md, "Its users"). */
export const ROLES = ['administrator', 'health_worker', 'school_nurse', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];
