/** Ends an exhaustive switch: a new union member fails to compile where it is not handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
