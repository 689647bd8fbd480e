% reproduce_double_pendulum -- Cranmer et al. (2020), the LNN double
% pendulum: paper's energy error beside ours (see README.md and
% private/repro_lnn_task.m).
repro_lnn_task ('double_pendulum');
