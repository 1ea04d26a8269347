/**
 * Appends every item of `items` to `target`. A loop, not `target.push(...items)`: spreading a list
 * of a hundred thousand problems into one call's arguments overflows the stack.
 *
 * @example
 * const list = [1];
 * pushAll(list, [2, 3]); // list is [1, 2, 3]
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
