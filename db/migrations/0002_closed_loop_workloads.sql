-- Closed-loop workloads: C users, each sending its next request when its last one completes. Such a workload
-- keeps its requests' (input, output) length pairs in workload_requests, in the order the users send them,
-- with arrival_s 0 for every one (the simulator decides the times); closed_loop_json says how it was made:
-- {"users", "thinkTimeS", "think": "fixed"|"exponential", "requests", "lengths", "seed"}. NULL: an open-loop trace.
ALTER TABLE workloads ADD COLUMN closed_loop_json TEXT CHECK (closed_loop_json IS NULL OR json_valid(closed_loop_json));
