using LiveCall.Core.Users;

namespace LiveCall.Tests.Users;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("+49 151 12345678", "DE", "+4915112345678")]
    [InlineData("0151 12345678", "DE", "+4915112345678")]
    [InlineData("0151-123 456 78", "DE", "+4915112345678")]
    [InlineData("+43 664 1234567", "DE", "+436641234567")]
    [InlineData("07911 123456", "GB", "+447911123456")]
    public void TryNormalizeMobile_GivesE164(string input, string region, string expected)
    {
        Assert.True(PhoneNormalizer.TryNormalizeMobile(input, region, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("0151 1234567X", "DE")]  // letters
    [InlineData("030 1234567", "DE")]    // a Berlin landline, not a mobile
    [InlineData("12", "DE")]
    [InlineData("0151 12345678", null)]  // local format without a country to read it in
    [InlineData("", "DE")]
    public void TryNormalizeMobile_RejectsWhatIsNotAMobileNumber(string input, string? region) =>
        Assert.False(PhoneNormalizer.TryNormalizeMobile(input, region, out _));
}
