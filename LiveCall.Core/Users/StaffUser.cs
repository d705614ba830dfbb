using Microsoft.AspNetCore.Identity;

namespace LiveCall.Core.Users;

/// <summary>A backend user (seller or administrator). Email is the login name.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; private set; } = "";
    /// <summary>Mobile number in E.164 (e.g. +4915112345678), or null.</summary>
    public string? Mobile { get; private set; }
    public StaffRole Role { get; private set; }
    public Guid? DealerId { get; private set; }
    public Guid? LocationId { get; private set; }
    public bool IsActive { get; private set; } = true;
    /// <summary>UI language: "en" or "de".</summary>
    public string Language { get; private set; } = "en";
    public DateTime CreatedUtc { get; private set; }
    public static StaffUser Create(string email, string displayName, StaffRole role, Guid? dealerId, Guid? locationId, DateTime createdUtc)
    {
        var user = new StaffUser { CreatedUtc = createdUtc };
        user.SetEmail(email);
        user.Assign(role, dealerId, locationId);
        user.DisplayName = displayName.Trim();
        return user;
    }

    public void SetEmail(string email)
    {
        Email = email.Trim();
        UserName = Email;
    }

    public void SetProfile(string displayName, string? mobile, string language)
    {
        DisplayName = displayName.Trim();
        Mobile = string.IsNullOrWhiteSpace(mobile) ? null : mobile;
        PhoneNumber = Mobile;
        Language = language;
    }

    public void Assign(StaffRole role, Guid? dealerId, Guid? locationId)
    {
        Role = role;
        DealerId = role == StaffRole.PlatformAdmin ? null : dealerId;
        LocationId = role is StaffRole.PlatformAdmin or StaffRole.DealerAdmin ? null : locationId;
    }

    public void SetActive(bool active) => IsActive = active;
}
