namespace LiveCall.Core.Users;

/// <summary>A seller's own state for the ring (stored in the profile, so every device agrees and a restart keeps it).</summary>
public enum DutyState
{
    /// <summary>Not at work: not rung on any channel until the next sign-in, dashboard or "I'm available".</summary>
    OffDuty = 0,
    /// <summary>At work: rung on every channel while not busy in a call.</summary>
    OnDuty = 1,
    /// <summary>At work but chose "Away": not rung until they choose "Available" again or the duty ends.</summary>
    Away = 2,
}
