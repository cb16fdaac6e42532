using System.Globalization;
using System.Numerics;

namespace CineMatch.Statistics;

/// <summary>
/// Python's <c>round(x, n)</c>: the exact binary value of <c>x</c> rounded half to even at the n-th decimal,
/// then read back as the nearest double. The documents must carry the numbers the old job wrote, so
/// 2.675 (stored as 2.67499999...) gives 2.67 and 3.125 (exact) gives 3.12.
/// </summary>
public static class PythonRounding
{
    // Beyond this many digits a double's exact expansion has ended, so the value is its own rounding.
    private const int MaxSignificantDigits = 1100;

    /// <summary>Half to even on the binary value, as Python's round(). NaN and infinities come back unchanged.</summary>
    public static double Round(double value, int digits)
    {
        if (!double.IsFinite(value) || value == 0 || digits > MaxSignificantDigits)
        {
            return value;
        }

        if (digits < -MaxSignificantDigits)
        {
            return value < 0 ? -0.0 : 0.0;
        }

        var (numerator, denominator) = ScaledExactly(Math.Abs(value), digits);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twiceRemainder = remainder * 2;
        if (twiceRemainder > denominator || (twiceRemainder == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        // .NET parses decimal text correctly rounded, as CPython's strtod does.
        var magnitude = double.Parse(
            quotient.ToString(CultureInfo.InvariantCulture) + "E" + (-digits).ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float,
            CultureInfo.InvariantCulture);
        return value < 0 ? -magnitude : magnitude;
    }

    /// <summary>The positive <paramref name="value"/> times 10^digits as an exact fraction.</summary>
    private static (BigInteger Numerator, BigInteger Denominator) ScaledExactly(double value, int digits)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        int binaryExponent;
        if (exponentBits == 0)
        {
            binaryExponent = -1074; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
            binaryExponent = exponentBits - 1075;
        }

        BigInteger numerator = mantissa;
        BigInteger denominator = BigInteger.One;
        if (binaryExponent >= 0)
        {
            numerator <<= binaryExponent;
        }
        else
        {
            denominator <<= -binaryExponent;
        }

        if (digits >= 0)
        {
            numerator *= BigInteger.Pow(10, digits);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -digits);
        }

        return (numerator, denominator);
    }
}
