/**
 * Values of claims, read into comparable forms: quantities with their unit ("16k", "10 minutes",
 * "1/4", "8 GiB"), choices ("either 8 or 2"), booleans, dependencies ("it depends on memory")
 * and plain text. Two sources that write one value differently compare equal.
 */
import { readQuantity, type Quantity } from "./quantities.js";

export type ValueForm =
  | { kind: "quantity"; quantity: Quantity }
  | { kind: "choice"; options: ValueForm[] }
  | { kind: "boolean"; value: boolean }
  | { kind: "depends"; on: string }
  | { kind: "text"; text: string };

const trueWords = new Set(["true", "yes", "on", "enabled", "enable", "active", "allowed"]);
const falseWords = new Set(["false", "no", "off", "disabled", "disable", "inactive", "none"]);
const negatedTrue = /^(?:not|never)\s+(?:enabled|active|allowed|on|set)$/;
const dependsPattern =
  /^(?:it\s+)?(?:depends|varies|is\s+chosen|is\s+selected|depending|based)\s+(?:on|by)\s+(.+)$/;

/** Removes what does not change a value's meaning: quotes, marks, a leading "either", a period. */
function stripMarks(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[`"'“”‘’]/g, "")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/\s+/g, " ")
    .replace(/^(?:either|about|around|approximately|roughly)\s+/i, "")
    .replace(/^(?:the|a|an)\s+/i, "")
    .replace(/[.,;:!]+$/, "")
    .trim();
}

/** Lowercases a value and removes what does not change its meaning. */
export function normalizeValueText(raw: string): string {
  return stripMarks(raw).toLowerCase();
}

/** Reads a value into the form used to compare it. */
export function readValue(raw: string): ValueForm {
  const plain = stripMarks(raw);
  const text = plain.toLowerCase();
  const depends = dependsPattern.exec(text);
  if (depends) return { kind: "depends", on: normalizeValueText(depends[1]!) };

  const options = splitChoice(plain);
  if (options.length > 1) return { kind: "choice", options: options.map(readValue) };

  if (trueWords.has(text)) return { kind: "boolean", value: true };
  if (falseWords.has(text) || negatedTrue.test(text)) return { kind: "boolean", value: false };

  const quantity = readQuantity(plain);
  if (quantity) return { kind: "quantity", quantity };
  return { kind: "text", text };
}

/** Splits "4 or 1" and "a, b or c" into options; a value without "or" gives one option. */
function splitChoice(text: string): string[] {
  if (!/\sor\s/i.test(text)) return [text];
  return text
    .split(/\s*,\s*|\s+or\s+/i)
    .map((option) => option.trim())
    .filter(Boolean);
}

/** Returns whether two values mean the same: equal quantities, the same choices, the same words. */
export function valuesAgree(left: string, right: string): boolean {
  return formsAgree(readValue(left), readValue(right));
}

export function formsAgree(left: ValueForm, right: ValueForm): boolean {
  if (left.kind === "choice" && right.kind === "choice") {
    return (
      left.options.every((option) => right.options.some((other) => formsAgree(option, other))) &&
      right.options.every((option) => left.options.some((other) => formsAgree(option, other)))
    );
  }
  if (left.kind === "quantity" && right.kind === "quantity") {
    return quantitiesAgree(left.quantity, right.quantity);
  }
  if (left.kind === "boolean" && right.kind === "boolean") return left.value === right.value;
  if (left.kind === "depends" && right.kind === "depends") return left.on === right.on;
  if (left.kind === "text" && right.kind === "text") return left.text === right.text;
  return false;
}

/**
 * Quantities agree when one of the readings of each is the same number in the same dimension.
 * A bare number agrees with a measured one of the same figure ("10" and "10 minutes"), because
 * sources often leave the unit to the sentence around the value.
 */
function quantitiesAgree(left: Quantity, right: Quantity): boolean {
  if (left.comparator !== right.comparator) return false;
  if (left.dimension && right.dimension && left.dimension !== right.dimension) return false;
  const useBase = left.dimension !== "" && right.dimension !== "";
  const leftReadings = useBase ? left.readings : left.figures;
  const rightReadings = useBase ? right.readings : right.figures;
  return leftReadings.some((value) => rightReadings.some((other) => sameNumber(value, other)));
}

function sameNumber(left: number, right: number): boolean {
  const scale = Math.max(Math.abs(left), Math.abs(right), 1);
  return Math.abs(left - right) <= scale * 1e-9;
}
