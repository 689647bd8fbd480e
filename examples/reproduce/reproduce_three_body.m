% reproduce_three_body -- Greydanus et al. (2019), task 'three_body': paper's table row
% beside ours (see README.md and private/repro_hnn_task.m).
repro_hnn_task ('three_body');
