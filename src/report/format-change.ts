/** A difference of scores with its sign, to three places: `+0.125`, `-0.040`. */
export function formatChange(value: number): string {
  const rounded = value.toFixed(3);
  if (rounded === "-0.000") return "0.000";
  return value > 0 ? `+${rounded}` : rounded;
}

/** A p-value to three places, tiny ones as `<0.001`. */
export function formatPValue(pValue: number): string {
  return pValue < 0.001 ? "<0.001" : pValue.toFixed(3);
}
