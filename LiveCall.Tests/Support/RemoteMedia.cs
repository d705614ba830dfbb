using Microsoft.Playwright;

namespace LiveCall.Tests.Support;

/// <summary>
/// The one check every browser test uses for "media flows": each &lt;video&gt; element the selector finds shows a
/// stream whose video track came from an RTCPeerConnection's <c>track</c> event (never the page's own camera
/// preview), that peer connection is <c>connected</c>, the element has a picture, and the track's decoded frames
/// (getStats inbound-rtp <c>framesDecoded</c>) and the element's painted frames
/// (<c>getVideoPlaybackQuality().totalVideoFrames</c>) both grow by <see cref="MinFrames"/> after the check starts.
/// </summary>
/// <remarks>
/// Needs <see cref="InstallAsync"/> on the browser context before the call page loads: an init script wraps
/// <c>window.RTCPeerConnection</c> to record each connection and the tracks its <c>track</c> events delivered, and
/// samples their getStats() every 200 ms into <c>window.__lcMedia</c>. The wait itself is a synchronous predicate
/// over those samples (Playwright's WaitForFunction does not await a Promise: an async predicate passes at once).
/// </remarks>
public sealed class RemoteMedia(IPage page, string who)
{
    /// <summary>The remote participants' camera tiles (the own preview is the self-tile).</summary>
    public const string CameraTiles = "[data-testid=tile] video";

    /// <summary>Remote screen shares (on the sharer's own page this also finds its own screen preview, which fails the check).</summary>
    public const string ScreenTiles = "[data-testid=screen-tile] video";

    /// <summary>How many frames more than at the start of a check count as flowing (the fake camera sends about 24 a second).</summary>
    public const int MinFrames = 10;

    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(20);

    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(Script);

    /// <summary>Waits until exactly <paramref name="expected"/> elements match and all show flowing remote video; throws with what was last observed.</summary>
    public async Task WaitFlowingAsync(string selector, int expected, TimeSpan? deadline = null)
    {
        var within = deadline ?? DefaultDeadline;
        var check = await CheckAsync(selector, expected, within);
        if (!check.Flowing)
            throw new TimeoutException($"{who}: remote video not flowing within {within.TotalSeconds:0.#} s (expected {expected} × {selector}). Last observed: {check.LastObserved}");
    }

    /// <summary>The same check without throwing: false when the deadline passed without the media flowing.</summary>
    public async Task<MediaCheck> CheckAsync(string selector, int expected, TimeSpan deadline)
    {
        var id = await page.EvaluateAsync<int?>("([selector, expected, minFrames]) => window.__lcMedia ? window.__lcMedia.begin(selector, expected, minFrames) : null",
            new object[] { selector, expected, MinFrames });
        if (id is null)
            throw new InvalidOperationException($"{who}: window.__lcMedia is missing: call RemoteMedia.InstallAsync on the page's browser context before the call page loads.");
        try
        {
            var passed = await page.WaitForFunctionAsync("id => { const o = window.__lcMedia.observe(id); return o.flowing && JSON.stringify(o); }", id,
                new PageWaitForFunctionOptions { PollingInterval = 100, Timeout = (float)deadline.TotalMilliseconds });
            return new MediaCheck(true, await passed.JsonValueAsync<string>());
        }
        catch (TimeoutException)
        {
            return new MediaCheck(false, await page.EvaluateAsync<string>("id => JSON.stringify(window.__lcMedia.observe(id))", id));
        }
        finally
        {
            await page.EvaluateAsync("id => window.__lcMedia?.end(id)", id);
        }
    }

    /// <summary>Installed into every page of a context before its own scripts run.</summary>
    public const string Script = """
        (() => {
          if (window.__lcMedia || typeof window.RTCPeerConnection !== 'function') return;
          const Native = window.RTCPeerConnection;
          const SAMPLE_MS = 200, KEEP = 150;
          const media = { connections: [], samples: [], checks: new Map(), nextCheck: 1, sampling: false };
          Object.defineProperty(window, '__lcMedia', { value: media });
          const lastSeq = () => media.samples.length ? media.samples[media.samples.length - 1].seq : 0;

          // Every connection the page makes, and the tracks its own 'track' events delivered (remote media only).
          window.RTCPeerConnection = class RTCPeerConnection extends Native {
            constructor(...args) {
              super(...args);
              const entry = { pc: this, remote: new Set() };
              media.connections.push(entry);
              this.addEventListener('track', e => entry.remote.add(e.track));
              startSampling();
            }
          };

          // getStats() is async: sample it into the page so that checks can be synchronous predicates.
          const sampleOnce = async () => {
            const tracks = {};
            for (const { pc } of media.connections) {
              if (pc.connectionState === 'closed') continue;
              let stats;
              try { stats = await pc.getStats(); } catch { continue; }
              stats.forEach(r => {
                if (r.type === 'inbound-rtp' && r.kind === 'video' && r.trackIdentifier)
                  tracks[r.trackIdentifier] = { framesDecoded: r.framesDecoded ?? 0, framesReceived: r.framesReceived ?? 0, packetsReceived: r.packetsReceived ?? 0 };
              });
            }
            media.samples.push({ seq: lastSeq() + 1, at: Math.round(performance.now()), tracks });
            if (media.samples.length > KEEP) media.samples.shift();
          };
          const startSampling = () => {
            if (media.sampling) return;
            media.sampling = true;
            const loop = async () => { try { await sampleOnce(); } finally { setTimeout(loop, SAMPLE_MS); } };
            setTimeout(loop, 0);
          };

          media.begin = (selector, expected, minFrames) => {
            const id = media.nextCheck++;
            media.checks.set(id, { selector, expected, minFrames, afterSeq: lastSeq(), trackBase: new Map(), elementBase: new Map() });
            return id;
          };
          media.end = id => media.checks.delete(id);

          // Synchronous: what the elements show now, against the first sample/observation after begin().
          media.observe = id => {
            const check = media.checks.get(id);
            const samples = media.samples.filter(s => s.seq > check.afterSeq);
            const latest = samples.length ? samples[samples.length - 1] : null;
            const videos = [...document.querySelectorAll(check.selector)].map(v => {
              const o = { width: v.videoWidth, height: v.videoHeight, paused: v.paused };
              const stream = v.srcObject;
              if (!(stream instanceof MediaStream)) return { ...o, why: 'no MediaStream on the element' };
              const track = stream.getVideoTracks().find(t => t.readyState === 'live');
              if (!track) return { ...o, why: 'the stream has no live video track' };
              o.track = track.id;
              o.muted = track.muted;
              const entry = media.connections.find(c => c.remote.has(track));
              if (!entry) return { ...o, why: 'not a remote track (no RTCPeerConnection track event delivered it)' };
              o.connection = entry.pc.connectionState;

              if (!check.trackBase.has(track.id)) {
                const first = samples.find(s => s.tracks[track.id]);
                if (first) check.trackBase.set(track.id, first.tracks[track.id]);
              }
              const base = check.trackBase.get(track.id), now = latest?.tracks[track.id];
              if (base && now) o.decoded = { from: base.framesDecoded, to: now.framesDecoded, received: now.framesReceived, packets: now.packetsReceived };

              const painted = v.getVideoPlaybackQuality().totalVideoFrames;
              const eb = check.elementBase.get(v);
              if (!eb || eb.track !== track.id) check.elementBase.set(v, { track: track.id, painted });
              o.painted = { from: check.elementBase.get(v).painted, to: painted };

              const n = check.minFrames;
              o.why = o.connection !== 'connected' ? `connection is ${o.connection}`
                : v.videoWidth === 0 ? 'no picture yet (videoWidth 0)'
                : !o.decoded ? 'no getStats sample of this track since the check began'
                : o.decoded.to - o.decoded.from < n ? `decoded frames grew by ${o.decoded.to - o.decoded.from} (< ${n})`
                : o.painted.to - o.painted.from < n ? `painted frames grew by ${o.painted.to - o.painted.from} (< ${n})`
                : null;
              return o;
            });
            return {
              flowing: videos.length === check.expected && videos.every(v => v.why === null),
              expected: check.expected, found: videos.length, samples: samples.length, videos,
            };
          };
        })();
        """;
}

/// <summary>The outcome of a <see cref="RemoteMedia"/> check and, as JSON, what the page showed last.</summary>
public sealed record MediaCheck(bool Flowing, string LastObserved);
