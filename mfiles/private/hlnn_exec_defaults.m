% -*- texinfo -*-
% @deftypefn {hlnn} {@var{d} =} hlnn_exec_defaults ()
% Options shared by hlnn_ensemble and hlnn_sweep (internal): where the
% fits run (Workers, Cluster, ServerSetup, Verbose) and how each fit is
% done (hlnn_fit's TrainOptions, Train, Predict, Energy, Threads).
% @end deftypefn
function d = hlnn_exec_defaults ()
  d = struct ('Workers', 'auto', 'Cluster', [], 'ServerSetup', 'auto', ...
              'Verbose', false, 'TrainOptions', {{}}, 'Train', 'auto', ...
              'Predict', 'auto', 'Energy', 'auto', 'Threads', 1);
end
