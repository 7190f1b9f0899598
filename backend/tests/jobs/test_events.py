"""Live progress: a render's stages and progress arrive as Server-Sent Events while it runs,
agree with a poll of the job, resume from Last-Event-ID, and fifty open streams leave the
API free to answer and to run the render."""

import asyncio
import json
import threading
from collections.abc import Iterator

import httpx

from tests.api_process import ApiProcess, bearer
from tests.conftest import make_user

PROMPT = "Slow evening drone with soft rain on the window"


def read_events(response: httpx.Response) -> Iterator[dict]:
    """Parse an event stream as a browser's EventSource does (id, event, data; comments skipped)."""
    event: dict = {}
    for line in response.iter_lines():
        if line == "":
            if "data" in event:
                yield event
            event = {}
        elif line.startswith(":"):
            event.setdefault("comments", 0)
        else:
            field, _, value = line.partition(": ")
            if field == "data":
                event["data"] = json.loads(value)
            elif field in ("id", "event", "retry"):
                event[field] = value


def generated_track(api: ApiProcess, auth: dict) -> dict:
    response = httpx.post(
        f"{api.url}/api/generate",
        json={"prompt": PROMPT, "duration": 120, "seed": 3},
        headers=auth,
        timeout=120,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_render_streams_its_stages_and_progress_and_a_poll_agrees(db, password_hash, api_processes) -> None:
    user = make_user(db, password_hash)
    api = api_processes()
    auth = bearer(api, user.email)
    track = generated_track(api, auth)
    seen: list[dict] = []
    opened = threading.Event()

    def follow() -> None:
        with httpx.stream(
            "GET", f"{api.url}/api/tracks/{track['id']}/events?last_event_id=0", headers=auth, timeout=60
        ) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            opened.set()
            for event in read_events(response):
                seen.append(event)
                if event["event"] == "completed" and event["data"]["kind"] == "render":
                    return

    follower = threading.Thread(target=follow)
    follower.start()
    assert opened.wait(30)
    rendered = httpx.post(f"{api.url}/api/render", json={"track_id": track["id"]}, headers=auth, timeout=120)
    assert rendered.status_code == 200, rendered.text
    follower.join(30)
    assert not follower.is_alive()

    # The generation that came before, then the render, each from its first stage to its end.
    kinds = [e["data"]["kind"] for e in seen]
    assert kinds[0] == "generate" and kinds[-1] == "render"
    render = [e for e in seen if e["data"]["kind"] == "render"]
    assert render[0]["event"] == "stage_update" and render[0]["data"]["stage"] == "rendering video"
    assert [e["event"] for e in render][-1] == "completed"
    assert any(e["event"] == "progress" for e in render)
    progress = [e["data"]["progress"] for e in render]
    assert progress == sorted(progress) and progress[-1] == 1.0
    ids = [int(e["id"]) for e in seen]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)

    job_id = render[-1]["data"]["job_id"]
    assert rendered.json()["job"]["id"] == job_id
    polled = httpx.get(f"{api.url}/api/jobs/{job_id}", headers=auth).json()
    assert (polled["status"], polled["progress"], polled["kind"]) == ("succeeded", 1.0, "render")
    assert polled["subject_id"] == track["id"] and polled["attempts"] == 1 and polled["error_code"] is None

    # Resuming after the second event gives exactly the rest, and a job's stream ends with it.
    with httpx.stream(
        "GET",
        f"{api.url}/api/jobs/{job_id}/events",
        headers=auth | {"Last-Event-ID": render[1]["id"]},
        timeout=30,
    ) as response:
        rest = list(read_events(response))
    assert [e["id"] for e in rest] == [e["id"] for e in render[2:]]

    # Another user sees neither the job nor its stream.
    other = make_user(db, password_hash, "other@example.com")
    stranger = bearer(api, other.email)
    assert httpx.get(f"{api.url}/api/jobs/{job_id}", headers=stranger).status_code == 404
    assert httpx.get(f"{api.url}/api/jobs/{job_id}/events", headers=stranger).status_code == 404
    assert httpx.get(f"{api.url}/api/tracks/{track['id']}/events", headers=stranger).status_code == 404
    assert httpx.get(f"{api.url}/api/jobs/{job_id}/events").status_code == 401


def test_fifty_open_streams_do_not_starve_the_api(db, password_hash, api_processes) -> None:
    user = make_user(db, password_hash)
    api = api_processes()
    auth = bearer(api, user.email)
    track = generated_track(api, auth)

    async def scenario() -> tuple[int, int, list[int], list[list[str]]]:
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        async with httpx.AsyncClient(base_url=api.url, headers=auth, timeout=120, limits=limits) as client:
            connected = asyncio.Semaphore(0)

            async def stream() -> list[str]:
                """Follows the track until its render completes; returns the kinds it completed."""
                done: list[str] = []
                async with client.stream("GET", f"/api/tracks/{track['id']}/events") as response:
                    assert response.status_code == 200
                    async for line in response.aiter_lines():
                        if line.startswith("data: "):
                            data = json.loads(line[6:])
                            if not done and data["kind"] == "generate" and data["status"] == "succeeded":
                                connected.release()  # replayed the generation: following live now
                            if data["status"] == "succeeded":
                                done.append(data["kind"])
                                if data["kind"] == "render":
                                    return done
                return done

            streams = [asyncio.create_task(stream()) for _ in range(50)]
            for _ in range(50):
                await asyncio.wait_for(connected.acquire(), timeout=60)
            render, health = await asyncio.gather(
                client.post("/api/render", json={"track_id": track["id"]}),
                client.get("/api/health"),
            )
            # Plain requests are answered while the streams are open.
            polls = [(await client.get(f"/api/tracks/{track['id']}")).status_code for _ in range(20)]
            finished = await asyncio.wait_for(asyncio.gather(*streams), timeout=60)
            return render.status_code, health.status_code, polls, finished

    render_status, health_status, polls, finished = asyncio.run(scenario())
    assert render_status == 200 and health_status == 200 and polls == [200] * 20
    # Every stream replayed the generation's end, then followed the render to its own.
    assert finished == [["generate", "render"]] * 50
