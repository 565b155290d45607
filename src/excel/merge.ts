/** Keeping what users typed is owned by core (report/editable.ts); the Excel writer uses it from here. */
export * from '../core/report/editable';
