using LiveCall.Core.Calls.FollowUp;

namespace LiveCall.App.Calls.FollowUp;

/// <summary>One editable participant row of the FollowUp form.</summary>
public sealed class FollowUpRowModel
{
    public InvitationChannel Channel { get; set; } = InvitationChannel.Sms;
    public string? Name { get; set; }
    public string? Contact { get; set; }
    public bool NameTouched { get; set; }
    public bool ContactTouched { get; set; }

    public GuestInvitationInput ToInput() => new(Channel, Name, Contact);
}
