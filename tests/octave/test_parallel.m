% -*- texinfo -*-
% @deftypefn {hlnn} {} test_parallel ()
% Ensembles and sweeps on octave-parallel: a local parcellfun run gives
% the same bits as a serial run; a loopback cluster (an octave-pserver on
% this machine, started here as an unprivileged user, this Octave its
% client) runs a sweep through netcellfun and matches the serial sweep
% bit for bit.  The cluster test is skipped, with the reason, when no
% server can be started (see hlnn_test_pserver).
% @end deftypefn
function test_parallel ()
end

%!function same = identical (A, B)
%!  % everything a fit computes; not its timings (seconds, history.time)
%!  % nor val_step, which follows the wall-clock chunking
%!  same = numel (A) == numel (B);
%!  for k = 1:min (numel (A), numel (B))
%!    a = A(k).model;
%!    b = B(k).model;
%!    same = same && isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt) ...
%!           && isequal (a.history.step, b.history.step) ...
%!           && isequal (a.history.loss, b.history.loss) ...
%!           && isequal (A(k).loss, B(k).loss) && isequal (A(k).pred, B(k).pred) ...
%!           && isequal (A(k).steps, B(k).steps);
%!  end
%!endfunction

%!shared x, data, make
%! x = linspace (-pi, pi, 96)';
%! data = struct ('train', {{x, sin(x)}}, 'eval', {{x(1:7:end)}});
%! make = @(s) mlp_create ([1 16 16 1], 'Seed', s);

%!testif ; hlnn_test_have ('parallel')
%! % parcellfun with 2 processes = serial, bit for bit (minibatches included)
%! topts = {'Steps', 300, 'Batch', 32, 'LearningRate', 3e-3};
%! tic; [Rs, Ss] = hlnn_ensemble (make, data, 11:14, 'Workers', 1, 'TrainOptions', topts); ts = toc;
%! tic; [Rp, Sp] = hlnn_ensemble (make, data, 11:14, 'Workers', 2, 'TrainOptions', topts); tp = toc;
%! printf ('  ensemble of 4: serial %.2f s, parcellfun (2 processes) %.2f s\n', ts, tp);
%! assert (identical (Rs, Rp));
%! assert (isequal (Ss.pred_mean, Sp.pred_mean) && isequal (Ss.pred_std, Sp.pred_std));
%! assert (all (Ss.pred_std > 0));

%!testif ; hlnn_test_have ('parallel')
%! g = struct ('Seed', [1 2], 'LearningRate', [1e-3 1e-2]);
%! mk = @(p) mlp_create ([1 8 1], 'Seed', p.Seed);
%! Rs = hlnn_sweep (g, mk, data, 'Workers', 1, 'TrainOptions', {'Steps', 100, 'Batch', 16});
%! Rp = hlnn_sweep (g, mk, data, 'Workers', 2, 'TrainOptions', {'Steps', 100, 'Batch', 16});
%! assert (identical (Rs, Rp));
%! assert (isequal ([Rs.params], [Rp.params]));

%!testif ; hlnn_test_pserver ('start')
%! unwind_protect
%!   c = hlnn_test_pserver ('conns');
%!   g = struct ('Seed', 1:3, 'LearningRate', [1e-3 1e-2]);
%!   mk = @(p) mlp_create ([1 8 8 1], 'Seed', p.Seed);
%!   topts = {'Steps', 200, 'Batch', 32};
%!   where = @(m, X) getpid ();     % as 'Energy': the process that ran the fit
%!   tic; Rc = hlnn_sweep (g, mk, data, 'Cluster', c, 'TrainOptions', topts, 'Energy', where); tc = toc;
%!   tic; Rs = hlnn_sweep (g, mk, data, 'Workers', 1, 'TrainOptions', topts, 'Energy', where); ts = toc;
%!   pids = unique ([Rc.energy]);
%!   printf ('  loopback cluster: %d sweep points through netcellfun in %.2f s (serial here %.2f s)\n', ...
%!           numel (Rc), tc, ts);
%!   printf ('  server-side processes %s; client %d; final losses %s\n', mat2str (pids), ...
%!           getpid (), mat2str ([Rc.loss], 4));
%!   assert (~any (pids == getpid ()));
%!   assert (all ([Rs.energy] == getpid ()));
%!   assert (identical (Rc, Rs));
%!   assert (isequal ([Rc.params], [Rs.params]));
%!   printf ('  cluster results equal the serial ones bit for bit\n');
%! unwind_protect_cleanup
%!   gone = hlnn_test_pserver ('stop');
%! end_unwind_protect
%! assert (gone);
%! printf ('  server stopped, no process of it left\n');
