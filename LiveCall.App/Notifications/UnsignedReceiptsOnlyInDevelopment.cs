using LiveCall.Core.Notifications.Sms;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Notifications;

/// <summary>Vonage:AcceptUnsignedReceipts lets anybody set SMS states: the app starts with it only in Development.</summary>
internal sealed class UnsignedReceiptsOnlyInDevelopment(IHostEnvironment environment) : IValidateOptions<VonageOptions>
{
    public const string Message = "Vonage:AcceptUnsignedReceipts is allowed only in Development: set Vonage:SignatureSecret instead.";

    public ValidateOptionsResult Validate(string? name, VonageOptions options) =>
        options.AcceptUnsignedReceipts && !environment.IsDevelopment() ? ValidateOptionsResult.Fail(Message) : ValidateOptionsResult.Success;
}
