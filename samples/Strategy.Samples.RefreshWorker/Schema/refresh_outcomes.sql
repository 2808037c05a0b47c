-- What the refresh job reports: one row per item and run, written once (the primary key), whichever worker saw the end.
CREATE TABLE IF NOT EXISTS refresh_outcomes
  (
    run_id TEXT NOT NULL,
    item TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NULL,
    worker TEXT NOT NULL,
    resumed BOOL NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, item)
  );
