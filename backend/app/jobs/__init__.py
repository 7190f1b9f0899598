"""The engine every pipeline runs on: a job row per long piece of work, a registry of steps,
one `run(step, subject)` entry point, live events (SSE) and start-up recovery.

Steps are plain functions over rows and files. They run inline in the request that asks for
them (one process does the work), but nothing in a step depends on that: a queue worker
could call `runner.execute(job_id)` with the same result."""
