using LiveCall.Core.Calls.Incoming;

namespace LiveCall.Tests.Calls.Incoming;

/// <summary>A customer's name in the staff's SMS, push and email: plain visible text that no phone or mail program turns into a link.</summary>
public sealed class CustomerNameTextTests
{
    [Theory]
    [InlineData("Login expired: https://evil.example", "Login expired: evil[.]example")]
    [InlineData("https://evil.example/x", "evil[.]example/x")]
    [InlineData("Login expired: https://evil.example/reset?u=1", "Login expired: evil[.]example/reset?u=1")]
    [InlineData("www.evil.example", "www[.]evil[.]example")]
    [InlineData("evil.example", "evil[.]example")]
    [InlineData("Visit evil.example now", "Visit evil[.]example now")]
    [InlineData("hxxps://evil.example", "evil[.]example")]
    [InlineData("HTTP://EVIL.EXAMPLE", "EVIL[.]EXAMPLE")]
    [InlineData("h**ps://evil.example", "h**evil[.]example")]
    [InlineData("mailto:boss@evil.example", "boss@evil[.]example")]
    [InlineData("javascript:alert(1)", "alert(1)")]
    [InlineData("//evil.example", "//evil[.]example")]
    [InlineData("Login:https://evil.example", "Login:evil[.]example")]
    [InlineData("evil．example", "evil[.]example")] // full-width full stop, which browsers read as a dot in host names
    [InlineData("evil。example", "evil[.]example")] // ideographic full stop
    [InlineData("evil｡example", "evil[.]example")] // half-width ideographic full stop
    [InlineData("evil․example", "evil[.]example")] // one dot leader
    [InlineData("ｅｖｉｌ．ｅｘａｍｐｌｅ", "ｅｖｉｌ[.]ｅｘａｍｐｌｅ")]
    [InlineData("192.168.0.1/login", "192[.]168[.]0[.]1/login")]
    [InlineData("support@bank.example", "support@bank[.]example")]
    [InlineData("xn--80ak6aa92e.com", "xn--80ak6aa92e[.]com")]
    public void ForMessage_DefusesLinksAndHostNames(string typed, string shown)
    {
        Assert.Equal(shown, CustomerNameText.ForMessage(typed, 80));
    }

    [Theory]
    [InlineData("\u202Egnp.exe", "gnp[.]exe")] // right-to-left override: would show as "exe.png"
    [InlineData("Anna\u202E\u2066Schmidt\u2069\u202C", "AnnaSchmidt")]
    [InlineData("\u200Fmark\u200E\u061C", "mark")]
    [InlineData("evil.exa\u200Bmple", "evil[.]example")] // zero-width space hiding a host name from a naive check
    [InlineData("evil\u200D.\u2060example\uFEFF", "evil[.]example")]
    [InlineData("Clara\u0000\u0007 Kunde\u00AD", "Clara Kunde")]
    [InlineData("Clara\r\nKunde\tBerlin", "Clara Kunde Berlin")]
    [InlineData("  Clara \u00A0\u3000 Kunde  ", "Clara Kunde")]
    [InlineData("Clara\u2028Kunde", "Clara Kunde")]
    [InlineData("Clara\u0085Kunde\u009B", "Clara Kunde")]
    public void ForMessage_RemovesBidiZeroWidthAndControlCharacters(string typed, string shown)
    {
        Assert.Equal(shown, CustomerNameText.ForMessage(typed, 80));
    }

    [Theory]
    [InlineData("Jürgen Müller")]
    [InlineData("Dr. Müller")]
    [InlineData("Prof. Dr. Hans-Jürgen Weiß")]
    [InlineData("J.R.R. O'Neill")]
    [InlineData("A. J. d'Artagnan")]
    [InlineData("Zoë Ørsted-Åberg")]
    [InlineData("Łukasz Żółć")]
    [InlineData("Ἀλέξανδρος")]
    [InlineData("محمد عبد الله")]
    [InlineData("李小龍")]
    [InlineData("Renée (Autohaus-Kundin) & Co")]
    [InlineData("Anna 👩‍🔧")] // the joiner goes (an emoji sequence falls apart), the emoji stay
    public void ForMessage_KeepsPlainNamesIntact(string name)
    {
        var expected = name.Replace("\u200D", "", StringComparison.Ordinal);

        Assert.Equal(expected, CustomerNameText.ForMessage(name, 80));
        Assert.Equal(expected, CustomerNameText.Clean(name));
    }

    [Fact]
    public void Clean_RemovesInvisibleCharacters_ButLeavesLinksToTheMessages()
    {
        Assert.Equal("Login expired: https://evil.example", CustomerNameText.Clean("Login\u200B expired:\u202E https://evil.example\r\n"));
    }

    [Fact]
    public void Clean_ComposesAccents_SoAStoredNameHasOneForm()
    {
        Assert.Equal("Müller", CustomerNameText.Clean("Mu\u0308ller"));
    }

    [Fact]
    public void ForMessage_ShortensToFortyCharactersWithAnEllipsis()
    {
        var shown = CustomerNameText.ForMessage("Maximiliane Alexandra Friederike von Hohenzollern-Sigmaringen");

        Assert.Equal("Maximiliane Alexandra Friederike von Ho…", shown);
        Assert.Equal(CustomerNameText.MessageLength, shown.Length);
    }

    [Fact]
    public void Shorten_CountsWhatAPersonSeesAsOneCharacter()
    {
        Assert.Equal("👩‍🔧👩‍🔧…", CustomerNameText.Shorten("👩‍🔧👩‍🔧👩‍🔧👩‍🔧", 3)); // never half an emoji
        Assert.Equal("Clara", CustomerNameText.Shorten("Clara", 5));
        Assert.Equal("Clara...", CustomerNameText.Shorten("Clara Kunde", 8, "..."));
    }

    [Fact]
    public void Shorten_CutsAfterALetter_NotAfterASpaceOrADash()
    {
        Assert.Equal("Autohaus Beispiel…", CustomerNameText.Shorten("Autohaus Beispiel – Niederlassung Nord", 20));
        Assert.Equal("evil…", CustomerNameText.Shorten("evil[.]example", 6));
    }

    [Fact]
    public void ForMessage_OfNothingVisible_IsEmpty()
    {
        Assert.Equal("", CustomerNameText.ForMessage(null));
        Assert.Equal("", CustomerNameText.ForMessage("\u202E\u200B\r\n "));
    }
}
