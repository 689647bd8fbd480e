% reproduce_two_body -- Greydanus et al. (2019), task 'two_body': paper's table row
% beside ours (see README.md and private/repro_hnn_task.m).
repro_hnn_task ('two_body');
