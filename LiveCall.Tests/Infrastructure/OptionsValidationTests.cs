using LiveCall.App.Calls.Incoming;
using LiveCall.App.Calls.Signaling;
using LiveCall.App.Infrastructure;
using LiveCall.Core;
using LiveCall.Core.Calls;
using LiveCall.Core.Calls.Incoming;
using LiveCall.Core.Data;
using LiveCall.Core.Notifications.Budgets;
using LiveCall.Core.Notifications.Email;
using LiveCall.Core.Notifications.Outbox;
using LiveCall.Core.Notifications.Push;
using LiveCall.Core.Notifications.Sms;
using LiveCall.Core.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveCall.Tests.Infrastructure;

/// <summary>Every settings class is validated the same way, and a wrong value names the setting it is about.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<Type, string, string, string, string> WrongSettings => new()
    {
        { typeof(OutboxOptions), OutboxOptions.Section, "MaxAttempts", "0", "Outbox:MaxAttempts must be at least 1." },
        { typeof(OutboxOptions), OutboxOptions.Section, "MaxRetryDelay", "00:00:01", "Outbox:MaxRetryDelay must not be shorter than Outbox:BaseRetryDelay." },
        { typeof(VonageOptions), VonageOptions.Section, "ApiKey", "key", "Vonage:ApiSecret is required with Vonage:ApiKey." },
        { typeof(VonageOptions), VonageOptions.Section, "SignatureMethod", "crc32", "Vonage:SignatureMethod must be md5hash, md5, sha1, sha256 or sha512." },
        { typeof(SendGridOptions), SendGridOptions.Section, "BaseUrl", "not a url", "SendGrid:BaseUrl must be an absolute http(s) URL." },
        { typeof(WebPushOptions), WebPushOptions.Section, "Subject", "webmaster", "WebPush:Subject must be a mailto: or https: URI." },
        { typeof(SmsLimitsOptions), SmsLimitsOptions.Section, "AllowedCountries:0", "DEU", "SmsLimits:AllowedCountries entry 'DEU' must be a two-letter country code." },
        { typeof(MessageBudgetsOptions), MessageBudgetsOptions.Section, "Sms:Ring:PerLocationHourly", "-1", "MessageBudgets:Sms:Ring:PerLocationHourly must not be negative." },
        { typeof(MessageBudgetsOptions), MessageBudgetsOptions.Section, "Sms:Invitation:PerLocationDaily", "10", "MessageBudgets:Sms:Invitation:PerLocationDaily must not be less than MessageBudgets:Sms:Invitation:PerLocationHourly." },
        { typeof(MessageBudgetsOptions), MessageBudgetsOptions.Section, "Email:Ring:PerDealerHourly", "5", "MessageBudgets:Email:Ring:PerDealerHourly must not be less than MessageBudgets:Email:Ring:PerLocationHourly." },
        { typeof(MessageBudgetsOptions), MessageBudgetsOptions.Section, "Email:Account:PerDealerDaily", "1", "MessageBudgets:Email:Account:PerDealerDaily must not be less than MessageBudgets:Email:Account:PerDealerHourly." },
        { typeof(MessageBudgetsOptions), MessageBudgetsOptions.Section, "Email:GlobalHourly", "-5", "MessageBudgets:Email:GlobalHourly must not be negative." },
        { typeof(RingLimitsOptions), RingLimitsOptions.Section, "PerCustomerHourly", "0", "RingLimits:PerCustomerHourly must be at least 1." },
        { typeof(RingLimitsOptions), RingLimitsOptions.Section, "PerNetworkAtOnce", "0", "RingLimits:PerNetworkAtOnce must be at least 1." },
        { typeof(RingLimitsOptions), RingLimitsOptions.Section, "PerNetworkHourly", "1", "RingLimits:PerNetworkHourly must not be less than RingLimits:PerNetworkAtOnce." },
        { typeof(PublicAddressOptions), PublicAddressOptions.Section, "PublicBaseUrl", "ftp://calls.example.com", "App:PublicBaseUrl must be an absolute http(s) URL." },
        { typeof(ForwardedHeadersSettings), ForwardedHeadersSettings.Section, "KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks entry '10.0.0.0' must be a network in CIDR notation" },
        { typeof(ForwardedHeadersSettings), ForwardedHeadersSettings.Section, "KnownProxies:0", "proxy.local", "ForwardedHeaders:KnownProxies entry 'proxy.local' must be an IP address." },
        { typeof(IceOptions), IceOptions.Section, "TurnUrls:0", "turn:turn.example.com:3478", "Ice:TurnSecret is required when Ice:TurnUrls is set." },
        { typeof(SignalingOptions), SignalingOptions.Section, "MaxMessageBytes", "1000", "Signaling:MaxMessageBytes must be between 16384 and 98304." },
        { typeof(CustomerOptions), CustomerOptions.Section, "ApiRequestsPerMinute", "0", "Customer:ApiRequestsPerMinute must be positive." },
        { typeof(ConnectionOptions), ConnectionOptions.Section, "KeepAliveInterval", "00:01:00", "Connections:ClientTimeoutInterval must be longer than Connections:KeepAliveInterval." },
        { typeof(ConnectionOptions), ConnectionOptions.Section, "CircuitsPerAddress", "0", "Connections:CircuitsPerAddress must be at least 1." },
        { typeof(RateLimitOptions), RateLimitOptions.Section, "AccountPostsPerMinute", "-1", "RateLimits:AccountPostsPerMinute must be positive." },
        { typeof(AccountOptions), AccountOptions.Section, "ResetLinkLifetime", "00:00:10", "Accounts:ResetLinkLifetime must be between 5 minutes and 2 days." },
        { typeof(DemoSeedOptions), DemoSeedOptions.Section, "DemoPassword", "short", "Seed:DemoPassword must have at least 8 characters." },
        { typeof(RetentionOptions), RetentionOptions.Section, "CustomerContacts", "00:10:00", "Retention:CustomerContacts must be between 1.00:00:00 and 3650.00:00:00." },
        { typeof(RetentionOptions), RetentionOptions.Section, "WebhookEvents", "1.00:00:00", "Retention:WebhookEvents must be at least 3.00:00:00: providers retry a webhook for up to three days." },
        { typeof(SignalingOptions), SignalingOptions.Section, "StaffRecheckInterval", "00:00:00.100", "Signaling:StaffRecheckInterval must be between 00:00:01 and 00:05:00." },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void WrongSetting_FailsWithAMessageNamingIt(Type options, string section, string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(options, section, new() { [$"{section}:{key}"] = value }));
        Assert.Contains(error.Failures, failure => failure.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void Defaults_AreValid(Type options, string section, string key, string value, string message)
    {
        _ = (key, value, message);
        Assert.NotNull(Resolve(options, section, []));
    }

    private static object Resolve(Type options, string section, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        typeof(ValidatedOptions).GetMethod(nameof(ValidatedOptions.AddValidatedOptions))!.MakeGenericMethod(options)
            .Invoke(null, [services, section]);
        var provider = services.BuildServiceProvider();
        var accessor = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(options));
        try
        {
            return accessor.GetType().GetProperty("Value")!.GetValue(accessor)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
