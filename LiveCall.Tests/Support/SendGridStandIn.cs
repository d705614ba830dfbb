namespace LiveCall.Tests.Support;

public static class SendGridStandIn
{
    public static Dictionary<string, string?> Settings(Uri baseUri) => new()
    {
        ["SendGrid:ApiKey"] = "SG.test-key",
        ["SendGrid:FromEmail"] = "calls@dealer.example",
        ["SendGrid:FromName"] = "LiveCall",
        ["SendGrid:BaseUrl"] = baseUri.ToString(),
    };
}
