namespace LiveCall.App.Calls.Signaling;

public enum SignalingVerdict { Ok, Invalid, TooLarge }

/// <summary>Per-message checks: well-formed enough to forward, and not larger than any honest client sends.</summary>
public static class SignalingLimits
{
    public const int MaxSdpChars = 48_000;
    public const int MaxCandidateChars = 1_024;
    public const int MaxChatChars = 2_000;

    public static SignalingVerdict Check(SessionDescription? description)
    {
        if (description?.Sdp is null || description.Type is not ("offer" or "answer")) return SignalingVerdict.Invalid;
        if (description.Sdp.Length > MaxSdpChars) return SignalingVerdict.TooLarge;
        return description.Sdp.StartsWith("v=0", StringComparison.Ordinal) ? SignalingVerdict.Ok : SignalingVerdict.Invalid;
    }

    public static SignalingVerdict Check(IceCandidate? candidate)
    {
        if (candidate is null) return SignalingVerdict.Invalid;
        if ((candidate.Candidate?.Length ?? 0) > MaxCandidateChars || (candidate.SdpMid?.Length ?? 0) > 64 || (candidate.UsernameFragment?.Length ?? 0) > 256)
            return SignalingVerdict.TooLarge;
        var text = candidate.Candidate ?? "";
        if (text.Length > 0 && !text.StartsWith("candidate:", StringComparison.Ordinal)) return SignalingVerdict.Invalid;
        return candidate.SdpMLineIndex is null or (>= 0 and < 64) ? SignalingVerdict.Ok : SignalingVerdict.Invalid;
    }

    public static SignalingVerdict CheckChat(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return SignalingVerdict.Invalid;
        return text.Length > MaxChatChars ? SignalingVerdict.TooLarge : SignalingVerdict.Ok;
    }
}
