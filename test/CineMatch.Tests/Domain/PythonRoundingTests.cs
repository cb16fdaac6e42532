using System.Globalization;
using CineMatch.Statistics;

namespace CineMatch.Tests.Domain;

public class PythonRoundingTests
{
    [Theory]
    [InlineData(3.125, 2, 3.12)] // exact in binary: a true tie, to even
    [InlineData(2.675, 2, 2.67)] // stored just below the tie
    [InlineData(2.345, 2, 2.35)] // stored just above the tie
    [InlineData(0.125, 2, 0.12)]
    [InlineData(0.375, 2, 0.38)]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(0.5, 0, 0.0)]
    [InlineData(1.5, 0, 2.0)]
    [InlineData(37.5, 0, 38.0)]
    [InlineData(38.5, 0, 38.0)]
    [InlineData(4.45, 1, 4.5)]
    [InlineData(4.55, 1, 4.5)]
    [InlineData(12.5, 1, 12.5)]
    [InlineData(0.15, 1, 0.1)]
    [InlineData(0.25, 1, 0.2)]
    [InlineData(1.005, 2, 1.0)]
    [InlineData(-3.125, 2, -3.12)]
    [InlineData(-2.675, 2, -2.67)]
    [InlineData(-2.5, 0, -2.0)]
    [InlineData(1245.0, -1, 1240.0)]
    [InlineData(1235.0, -1, 1240.0)]
    [InlineData(123.456, 5, 123.456)]
    [InlineData(1e300, 2, 1e300)]
    [InlineData(5e-324, 2, 0.0)]
    public void Rounds_half_to_even_on_the_binary_value(double value, int digits, double expected)
    {
        Assert.Equal(expected, PythonRounding.Round(value, digits));
    }

    [Fact]
    public void Negative_values_that_round_to_zero_keep_their_sign_like_python()
    {
        Assert.True(double.IsNegative(PythonRounding.Round(-0.5, 0)));
        Assert.True(double.IsNegative(PythonRounding.Round(-0.04, 1)));
        Assert.False(double.IsNegative(PythonRounding.Round(0.04, 1)));
    }

    [Fact]
    public void Non_finite_values_come_back_unchanged()
    {
        Assert.True(double.IsNaN(PythonRounding.Round(double.NaN, 2)));
        Assert.Equal(double.PositiveInfinity, PythonRounding.Round(double.PositiveInfinity, 2));
        Assert.Equal(double.NegativeInfinity, PythonRounding.Round(double.NegativeInfinity, 1));
    }

    [Fact]
    public void Agrees_with_cpython_on_a_thousand_means_percentages_and_random_values()
    {
        var mismatches = new List<string>();
        var rows = PythonRoundingCases.Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var row in rows)
        {
            var parts = row.Split(' ');
            var value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var digits = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var expected = double.Parse(parts[2], CultureInfo.InvariantCulture);
            var actual = PythonRounding.Round(value, digits);
            if (actual != expected)
            {
                mismatches.Add($"round({parts[0]}, {digits}) = {expected:R}, got {actual:R}");
            }
        }

        Assert.True(rows.Length > 1000, "the case table was not read");
        Assert.Empty(mismatches);
    }
}
