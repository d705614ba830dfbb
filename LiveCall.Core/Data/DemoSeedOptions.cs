using System.ComponentModel.DataAnnotations;

namespace LiveCall.Core.Data;

public sealed class DemoSeedOptions
{
    public const string Section = "Seed";

    public const string DefaultPassword = "Demo-Pass-2026!";

    /// <summary>Password of every demo account (Development only).</summary>
    [Required(ErrorMessage = "Seed:DemoPassword must not be empty.")]
    [MinLength(8, ErrorMessage = "Seed:DemoPassword must have at least 8 characters.")]
    public string DemoPassword { get; set; } = DefaultPassword;
}
