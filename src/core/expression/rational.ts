import { Dec, toDecimalString, type Decimal } from '../decimal';

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * An exact fraction of two integers, used inside expression evaluation so that `1 / 3 * 3` is exactly 1
 * and a boundary such as "≥ 90 %" is never decided by a rounding of the 40th digit. Values leave the
 * evaluator as 40-digit decimals (`toDecimal`) only for storage and display.
 */
export class Rational {
  /** Always reduced, with a positive denominator. */
  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(numerator: bigint, denominator: bigint = 1n): Rational {
    if (denominator === 0n) throw new RangeError('Rational with zero denominator');
    const sign = denominator < 0n ? -1n : 1n;
    const g = gcd(numerator, denominator) || 1n;
    return new Rational((sign * numerator) / g, (sign * denominator) / g);
  }

  /** Exact conversion of a finite decimal. */
  static fromDecimal(d: Decimal | string): Rational {
    const plain = typeof d === 'string' ? d : toDecimalString(d);
    const negative = plain.startsWith('-');
    const [intPart = '0', fracPart = ''] = (negative ? plain.slice(1) : plain).split('.');
    const digits = BigInt(intPart + fracPart);
    return Rational.of(negative ? -digits : digits, 10n ** BigInt(fracPart.length));
  }

  plus(o: Rational): Rational {
    return Rational.of(this.numerator * o.denominator + o.numerator * this.denominator, this.denominator * o.denominator);
  }

  minus(o: Rational): Rational {
    return Rational.of(this.numerator * o.denominator - o.numerator * this.denominator, this.denominator * o.denominator);
  }

  times(o: Rational): Rational {
    return Rational.of(this.numerator * o.numerator, this.denominator * o.denominator);
  }

  /** Throws on a zero divisor: callers check `isZero()` first. */
  dividedBy(o: Rational): Rational {
    return Rational.of(this.numerator * o.denominator, this.denominator * o.numerator);
  }

  negated(): Rational {
    return new Rational(-this.numerator, this.denominator);
  }

  abs(): Rational {
    return this.numerator < 0n ? this.negated() : this;
  }

  isZero(): boolean {
    return this.numerator === 0n;
  }

  compare(o: Rational): -1 | 0 | 1 {
    const l = this.numerator * o.denominator;
    const r = o.numerator * this.denominator;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Rounds to `digits` decimals, half away from zero (66.665 → 66.67, −2.5 → −3). */
  roundHalfUp(digits: number): Rational {
    const scale = 10n ** BigInt(digits);
    const scaled = this.numerator * scale;
    let q = scaled / this.denominator; // truncates toward zero
    const r = scaled % this.denominator;
    const twiceRemainder = 2n * (r < 0n ? -r : r);
    if (twiceRemainder >= this.denominator) q += scaled < 0n ? -1n : 1n;
    return Rational.of(q, scale);
  }

  /** The value as a decimal: exact when it terminates within 40 significant digits, else rounded half up. */
  toDecimal(): Decimal {
    const n = new Dec(this.numerator.toString());
    return this.denominator === 1n ? n : n.dividedBy(this.denominator.toString());
  }
}
