% reproduce_pendulum -- Greydanus et al. (2019), task 'pendulum': paper's table row
% beside ours (see README.md and private/repro_hnn_task.m).
repro_hnn_task ('pendulum');
