using LiveCall.Core.Users;

namespace LiveCall.App.Admin;

/// <summary>The editable fields of a staff user, bound by <c>UserForm</c>.</summary>
public sealed class UserFormModel
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Mobile { get; set; }
    public StaffRole Role { get; set; } = StaffRole.Seller;
    public Guid? DealerId { get; set; }
    public Guid? LocationId { get; set; }
    public string Language { get; set; } = "en";
    public bool IsActive { get; set; } = true;

    public UserInput ToInput() => new(Email, DisplayName, Mobile, Role, DealerId, LocationId, Language, IsActive);

    public static UserFormModel From(StaffUser u) => new()
    {
        Email = u.Email ?? "", DisplayName = u.DisplayName, Mobile = u.Mobile, Role = u.Role,
        DealerId = u.DealerId, LocationId = u.LocationId, Language = u.Language, IsActive = u.IsActive,
    };
}
