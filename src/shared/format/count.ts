const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1,204: counts as people read them, the same in every locale. */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** "1 record", "2 records", "1,204 records": never "1 records". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
