using LiveCall.Core.Notifications.Email;

namespace LiveCall.Tests.Notifications;

public sealed class EmailTemplateRendererTests
{
    private static readonly EmailContent Content = new("Eingehender Videoanruf", "Ein Kunde wartet", ["Bitte nehmen Sie den Anruf an <jetzt>."],
        "Anruf annehmen", "https://app.example/calls/1/accept?t=a&b=c");

    [Fact]
    public void Render_InGerman_UsesBrandColourLogoAndGermanFooter()
    {
        var email = EmailTemplateRenderer.Render(new EmailBrand("Autohaus Müller", "#aa3300", "https://cdn.example/logo.png"), Content, "de");

        Assert.Contains("background:#aa3300", email.Html);
        Assert.Contains("src=\"https://cdn.example/logo.png\"", email.Html);
        Assert.Contains("lang=\"de\"", email.Html);
        Assert.Contains("über LiveCall gesendet", email.Text);
        Assert.Contains("Anruf annehmen: https://app.example/calls/1/accept?t=a&b=c", email.Text);
    }

    [Fact]
    public void Render_EncodesEveryValueAndRefusesUnsafeColourAndLogo()
    {
        var email = EmailTemplateRenderer.Render(new EmailBrand("<script>x</script>", "red;background:url(x)", "javascript:alert(1)"), Content, "en");

        Assert.DoesNotContain("<script>", email.Html);
        Assert.DoesNotContain("<jetzt>", email.Html);
        Assert.DoesNotContain("javascript:", email.Html);
        Assert.Contains($"background:{EmailTemplateRenderer.DefaultColor}", email.Html);
        Assert.Contains("via LiveCall", email.Text);
    }

    [Fact]
    public void Render_ASecondLink_BelowTheButton_InHtmlAndText()
    {
        var content = Content with { SecondaryText = "I'm away <today>", SecondaryUrl = "https://app.example/r/x?away=1&y=2" };

        var email = EmailTemplateRenderer.Render(new EmailBrand("Demo", "#aa3300", null), content, "en");

        Assert.Contains("<a href=\"https://app.example/r/x?away=1&amp;y=2\" style=\"color:#222;text-decoration:underline\">I&#x27;m away &lt;today&gt;</a>", email.Html);
        Assert.True(email.Html.IndexOf("Anruf annehmen", StringComparison.Ordinal) < email.Html.IndexOf("away=1", StringComparison.Ordinal));
        Assert.Contains("I'm away <today>: https://app.example/r/x?away=1&y=2\n", email.Text);
    }

    [Fact]
    public void Render_ASecondLinkThatIsNotHttp_IsLeftOut()
    {
        var email = EmailTemplateRenderer.Render(new EmailBrand("Demo", "#aa3300", null),
            Content with { SecondaryText = "Away", SecondaryUrl = "javascript:alert(1)" }, "en");

        Assert.DoesNotContain("javascript:", email.Html);
        Assert.DoesNotContain("Away", email.Text);
    }
}
