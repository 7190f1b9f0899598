"""What the clip adapter sends each model and what it makes of the answer: frame counts and
rates that cover the slot, the stills uploaded (or inlined) in the clip's aspect, the end
frame for continuity, polling at its own pace, and a clip measured after download."""

import io
import itertools
import uuid
from decimal import Decimal

import pytest
from PIL import Image
from replicate.exceptions import ReplicateError

from app.core.errors import ProviderError
from app.providers import registry
from app.providers.clips import ClipRequest, LocalClipMarker
from app.providers.replicate_video import ReplicateClipProvider, frame_size, seedance_seconds, wan_frames
from app.usage import context
from tests.emulators.replicate_video import SEEDANCE, WAN
from tests.providers.conftest import costs, ledger, outcomes
from tests.providers.replicate_video.conftest import POLL, SCENE, make_clip


@pytest.mark.parametrize(
    ("slot", "frames", "fps", "length"),
    [
        (2.0, 81, 24, 3.375),  # shortest Wan clip at the highest rate: trimmed by 1.4 s, not 3
        (4.0, 81, 20, 4.05),
        (5.0, 81, 16, 5.0625),
        (6.0, 96, 16, 6.0),
        (7.5, 120, 16, 7.5),
        (9.0, 121, 16, 7.5625),  # past what Wan makes at 16 fps: short, composition loops it
    ],
)
def test_wan_frames_cover_the_slot_where_the_model_can(slot, frames, fps, length) -> None:
    assert wan_frames(slot, fps_min=16, fps_max=24) == (frames, fps)
    assert frames / fps == pytest.approx(length, abs=1e-4)


def test_wan_frames_stay_within_the_schema_for_any_slot() -> None:
    for tenth in range(5, 200):
        slot = tenth / 10
        for fps_min, fps_max in ((16, 24), (12, 16), (5, 30), (24, 24)):
            frames, fps = wan_frames(slot, fps_min=fps_min, fps_max=fps_max)
            assert 81 <= frames <= 121 and fps_min <= fps <= fps_max
            # Covers the slot whenever 121 frames at the lowest rate could.
            assert frames / fps >= slot - 1e-9 or (frames, fps) == (121, fps_min)


def test_seedance_seconds_round_up_within_2_to_12() -> None:
    assert [seedance_seconds(s) for s in (0.5, 2.0, 2.01, 6.3, 12.0, 20.0)] == [2, 2, 3, 7, 12, 12]


def test_still_sizes_follow_the_aspect_at_the_model_area() -> None:
    assert frame_size("16:9", "720p") == (1280, 720)
    assert frame_size("9:16", "720p") == (720, 1280)
    assert frame_size("1:1", "480p") == (632, 632)


def test_wan_clip_uploads_both_stills_and_is_measured_after_download(video_api, still, tmp_path, db) -> None:
    request = ClipRequest(
        still=still("a"), prompt=SCENE, duration=4.0, aspect="16:9", seed=2**31 + 7, next_still=still("b")
    )
    seen: list[float] = []
    clip = make_clip(request, tmp_path, progress=seen.append)

    uploads = video_api.requests("upload")
    assert len(uploads) == 2 and all(
        r.headers["authorization"] == f"Bearer {video_api.token}" for r in uploads
    )
    sent = [Image.open(io.BytesIO(u["data"])) for u in video_api.video.uploads.values()]
    assert [(p.format, p.size) for p in sent] == [("JPEG", (842, 474))] * 2  # 480p area, 16:9

    [create] = video_api.requests("create")
    assert create.path == f"/v1/models/{WAN}/predictions" and "prefer" not in create.headers  # no wait
    body = create.json["input"]
    assert set(body) == {
        "image", "prompt", "seed", "num_frames", "frames_per_second", "resolution",
        "interpolate_output", "last_image",
    }  # fmt: skip
    assert (body["num_frames"], body["frames_per_second"], body["resolution"]) == (81, 20, "480p")
    assert body["interpolate_output"] is False and body["seed"] == 7 and body["prompt"] == SCENE
    assert {body["image"], body["last_image"]} == set(video_api.video.uploads) and body["image"] != body[
        "last_image"
    ]

    # What came back is measured, not assumed: Wan's own 832x480, 81 frames at 20 fps.
    assert (clip.width, clip.height, clip.fps) == (832, 480, 20.0)
    assert clip.duration == pytest.approx(4.05, abs=0.02) and clip.path.parent == tmp_path
    assert clip.path.read_bytes() == next(
        f.data for f in video_api.files.values() if f.content_type == "video/mp4"
    )

    # Polled at the configured pace, with the model's progress bar passed on, never backwards.
    gets = video_api.requests("get")
    assert len(gets) == 1 + video_api.video.processing_polls + 1
    assert all(b.at - a.at >= POLL for a, b in itertools.pairwise(gets))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen) and len(set(seen)) >= 5

    rows = ledger(db, provider="replicate")
    assert outcomes(rows) == ["ok"] and costs(rows) == [Decimal("0.0500")]
    assert (rows[0].model, rows[0].role, rows[0].unit) == (WAN, "clip", "clip")


def test_wan_720p_with_interpolation_is_priced_as_such(video_api, configure, still, tmp_path, db) -> None:
    configure(replicate_video_resolution="720p", replicate_video_interpolate=True)
    request = ClipRequest(still=still(), prompt=SCENE, duration=6.0, aspect="16:9", seed=1)
    assert [c.variant for c in ReplicateClipProvider().planned_calls(request)] == ["720p+interpolate"]
    clip = make_clip(request, tmp_path)
    body = video_api.requests("create")[0].json["input"]
    assert (body["num_frames"], body["frames_per_second"], body["interpolate_output"]) == (96, 16, True)
    assert "last_image" not in body
    assert (clip.width, clip.height, clip.fps) == (1280, 720, 32.0)
    assert clip.duration == pytest.approx(6.0, abs=0.05)
    assert costs(ledger(db)) == [Decimal("0.1450")]


def test_seedance_takes_whole_seconds_and_data_uris(video_api, configure, still, tmp_path, db) -> None:
    configure(
        replicate_video_model=SEEDANCE, replicate_video_resolution="720p", replicate_video_upload="data"
    )
    request = ClipRequest(
        still=still("tall", 1080, 1920),
        prompt=SCENE,
        duration=6.3,
        aspect="9:16",
        seed=5,
        next_still=still("tall2", 1080, 1920),
    )
    clip = make_clip(request, tmp_path)
    assert video_api.requests("upload") == []
    [create] = video_api.requests("create")
    body = create.json["input"]
    assert create.path == f"/v1/models/{SEEDANCE}/predictions"
    assert set(body) == {"image", "prompt", "seed", "duration", "resolution", "last_frame_image"}
    assert (body["duration"], body["resolution"]) == (7, "720p")
    assert body["image"].startswith("data:image/jpeg;base64,") and body["last_frame_image"].startswith(
        "data:"
    )
    assert (clip.width, clip.height, clip.fps) == (704, 1248, 24.0)  # portrait, from the still's shape
    assert clip.duration == pytest.approx(7.0, abs=0.1)
    rows = ledger(db)
    assert costs(rows) == [Decimal("0.2520")] and (rows[0].units, rows[0].unit) == (7, "second")


def test_registry_picks_the_clip_role(video_api, configure, still) -> None:
    assert isinstance(registry.clip_provider(), ReplicateClipProvider)
    configure(clip_provider="local")
    local = registry.clip_provider()
    assert isinstance(local, LocalClipMarker) and local.name == "local"
    assert (
        local.planned_calls(ClipRequest(still=still(), prompt=SCENE, duration=4, aspect="16:9", seed=1)) == []
    )
    configure(clip_provider="replicate", replicate_api_token="")
    with pytest.raises(ProviderError, match="REPLICATE_API_TOKEN is not set"):
        registry.clip_provider()


def test_wan_cannot_be_asked_for_1080p(configure) -> None:
    with pytest.raises(ValueError, match="1080p needs bytedance/seedance-1-lite"):
        configure(replicate_video_resolution="1080p")


def test_the_emulator_refuses_what_the_models_would(video_api, still, tmp_path) -> None:
    """The emulator is the check on the adapter, so it must itself refuse out-of-schema input."""
    from app.providers.replicate_client import client

    api = client()
    upload = api.files.create(still())
    link = str(upload.urls["get"])
    bad = [
        (WAN, {"image": link, "prompt": SCENE, "num_frames": 161}),
        (WAN, {"image": link, "prompt": SCENE, "frames_per_second": 60}),
        (WAN, {"image": link, "prompt": SCENE, "duration": 5}),
        (WAN, {"image": "https://example.com/not-ours.png", "prompt": SCENE}),
        (SEEDANCE, {"prompt": SCENE, "last_frame_image": link}),
        (SEEDANCE, {"image": link, "prompt": SCENE, "duration": 15}),
    ]
    for model, body in bad:
        with pytest.raises(ReplicateError, match="Input validation failed"):
            api.models.predictions.create(model=model, input=body)
    assert len(video_api.violations) == len(bad)
    video_api.violations.clear()


def test_neighbouring_clips_send_their_shared_still_once(video_api, still, tmp_path) -> None:
    a, b, c = still("a"), still("b"), still("c")
    provider = ReplicateClipProvider()
    with context.job(job_id=uuid.uuid4()):
        for first, last in ((a, b), (b, c), (c, None)):
            request = ClipRequest(
                still=first, prompt=SCENE, duration=5, aspect="16:9", seed=1, next_still=last
            )
            provider.generate(request, workdir=tmp_path, progress=lambda _f: None)
    assert len(video_api.requests("upload")) == 3
    creates = [r.json["input"] for r in video_api.requests("create")]
    assert creates[0]["last_image"] == creates[1]["image"] and creates[1]["last_image"] == creates[2]["image"]
