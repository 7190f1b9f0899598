"""Plan requests shaped like real songs, for the planner tests."""

from app.providers.planning import PlanClip, PlanRequest

POP_FORM = ("intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro")
ENERGY = {"intro": 0.2, "verse": 0.42, "chorus": 0.85, "bridge": 0.5, "outro": 0.18}
GROUPS = {"intro": "A", "verse": "B", "chorus": "C", "bridge": "D", "outro": "E"}


def song(
    *,
    labels: tuple[str, ...] = POP_FORM,
    clips_per_section: int = 4,
    clip_seconds: float = 4.0,
    prompt: str = "Misty lake at dawn, slow and warm",
    video_type: str = "scenery",
    lyrics: bool = False,
    letters: bool = False,
) -> PlanRequest:
    """A song of the given form; `letters` names sections A, B, C… as the analysis does when it
    cannot tell a verse from a chorus."""
    clips, t = [], 0.0
    for s, label in enumerate(labels):
        for k in range(clips_per_section):
            energy = min(1.0, ENERGY[label] + 0.02 * k)
            clips.append(
                PlanClip(
                    index=len(clips),
                    start=t,
                    end=t + clip_seconds,
                    section_index=s,
                    section_label=GROUPS[label] if letters else label,
                    section_group=GROUPS[label],
                    energy=energy,
                    lyrics=[f"line {len(clips)} of the {label}"] if lyrics and label != "intro" else [],
                )
            )
            t += clip_seconds
    return PlanRequest(
        prompt=prompt,
        video_type=video_type,  # type: ignore[arg-type]
        tempo=96,
        key="A minor",
        mode="minor",
        mood=["calm", "melancholic"],
        genre="ambient",
        clips=clips,
    )
