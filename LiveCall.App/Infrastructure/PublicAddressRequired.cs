using LiveCall.Core;
using Microsoft.Extensions.Options;

namespace LiveCall.App.Infrastructure;

/// <summary>Outside Development the app does not start without <c>App:PublicBaseUrl</c>: there is no listening address a link could honestly use.</summary>
internal sealed class PublicAddressRequired(IHostEnvironment environment) : IValidateOptions<PublicAddressOptions>
{
    public const string Message = "App:PublicBaseUrl is required outside Development: set it to the address people open, e.g. "
        + "https://calls.example.com/ (environment variable App__PublicBaseUrl). Links in emails, SMS and push are built from it, never from a request.";

    public ValidateOptionsResult Validate(string? name, PublicAddressOptions options) =>
        environment.IsDevelopment() || options.BaseUri is not null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Message);
}
