using LiveCall.Core.Notifications.Sms;

namespace LiveCall.Tests.Notifications;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData("Jürgen Müller wartet bei Köln-Süd", true)]  // umlauts and ß are in the GSM alphabet
    [InlineData("Preis: 20 € [netto] {a|b} ~^\\", true)]     // extension table
    [InlineData("Łukasz", false)]
    [InlineData("Clara…", false)]
    [InlineData("Anna 👩", false)]
    [InlineData("Ça coûte", false)]                          // Ç is GSM, û is not
    public void IsGsm7_KnowsTheGsmAlphabet(string text, bool gsm)
    {
        Assert.Equal(gsm, SmsSegments.IsGsm7(text));
    }

    [Theory]
    [InlineData(0, 'a', 0)]
    [InlineData(160, 'a', 1)]
    [InlineData(161, 'a', 2)]
    [InlineData(306, 'a', 2)]
    [InlineData(307, 'a', 3)]
    [InlineData(80, '€', 1)]   // two septets each: 160
    [InlineData(81, '€', 2)]
    [InlineData(70, 'ł', 1)]
    [InlineData(71, 'ł', 2)]
    [InlineData(134, 'ł', 2)]
    [InlineData(135, 'ł', 3)]
    public void Count_FollowsGsm7AndUcs2Sizes(int length, char c, int segments)
    {
        Assert.Equal(segments, SmsSegments.Count(new string(c, length)));
    }

    [Fact]
    public void Count_AnEmojiTakesTwoUcs2Characters()
    {
        Assert.Equal(2, SmsSegments.Count(string.Concat(Enumerable.Repeat("😀", 35)) + "a"));
    }
}
