using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveCall.Core;

/// <summary>
/// The one way settings are registered: bound from their configuration section and validated at start by
/// their DataAnnotations (attributes and <see cref="IValidatableObject"/>), every rule with a message that names
/// the setting. Read them through <c>IOptions&lt;T&gt;</c>, never from <c>IConfiguration</c> directly.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>A <see cref="ValidationResult"/> for one setting, "Section:Key".</summary>
    public static ValidationResult Error(string section, string key, string message) =>
        new($"{section}:{key} {message}", [key]);

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
