% -*- texinfo -*-
% @deftypefn {hlnn} {} test_concurrency ()
% Concurrency: two trainings run at the same time in separate processes
% -- two child octave-cli processes, and parcellfun of octave-parallel
% when it is installed -- give bit-identical models to the same trainings
% run one after the other in this process.
% @end deftypefn
function test_concurrency ()
end

%!shared X, Y, run
%! t = linspace (0, 6, 3000)';
%! X = [sin(t), cos(2 * t)];
%! Y = X(:, 1) .* X(:, 2);
%! run = @(seed) mlp_train (mlp_create ([2 32 32 1], 'Seed', seed), X, Y, ...
%!                          'Steps', 1500, 'Batch', 64, 'LearningRate', 3e-3, ...
%!                          'Verbose', false);

%!test
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   data = fullfile (d, 'data.mat');
%!   save ('-binary', data, 'X', 'Y');
%!   go = fullfile (d, 'go');
%!   for s = 1:2
%!     out = fullfile (d, sprintf ('out%d.mat', s));
%!     % both children load everything, say ready, and wait for 'go', so
%!     % that their trainings overlap however slowly each one starts
%!     code = sprintf (['load (''%s'');\n', ...
%!                      'mlp_train (mlp_create ([2 3 1]), X(1:5, :), Y(1:5), ''Steps'', 1, ''Verbose'', false);\n', ...
%!                      'fclose (fopen (''%s.ready'', ''w''));\n', ...
%!                      'while (~exist (''%s'', ''file'')) pause (0.01); end\n', 't0 = time ();\n', ...
%!                      'm = mlp_train (mlp_create ([2 32 32 1], ''Seed'', %d), X, Y, ', ...
%!                      '''Steps'', 1500, ''Batch'', 64, ''LearningRate'', 3e-3, ''Verbose'', false);\n', ...
%!                      't1 = time ();\n', 'save (''-binary'', ''%s.tmp'', ''m'', ''t0'', ''t1'');\n', ...
%!                      'rename (''%s.tmp'', ''%s'');\n'], data, out, go, s, out, out, out);
%!     system ([hlnn_test_child(code, 300, 'command'), ' > ', out, '.log 2>&1 &']);
%!   end
%!   tw = tic ();
%!   outs = {fullfile(d, 'out1.mat'), fullfile(d, 'out2.mat')};
%!   while (~all (cellfun (@(f) exist ([f, '.ready'], 'file') == 2, outs)) && toc (tw) < 240)
%!     pause (0.01);
%!   end
%!   fclose (fopen (go, 'w'));
%!   while (~all (cellfun (@(f) exist (f, 'file') == 2, outs)) && toc (tw) < 240)
%!     pause (0.05);
%!   end
%!   r = cellfun (@load, outs);
%!   serial = {run(1), run(2)};
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, 'local');
%!   rmdir (d, 's');
%! end_unwind_protect
%! overlap = min (r(1).t1, r(2).t1) - max (r(1).t0, r(2).t0);
%! printf ('  two child processes: %.2f s and %.2f s of training, %.2f s of it at the same time\n', ...
%!         r(1).t1 - r(1).t0, r(2).t1 - r(2).t0, overlap);
%! assert (overlap > 0);
%! for s = 1:2
%!   a = r(s).m;
%!   b = serial{s};
%!   assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt));
%!   assert (isequal (a.history.loss, b.history.loss));
%! end
%! assert (~isequal (serial{1}.W, serial{2}.W));

%!testif ; hlnn_test_have ('parallel')
%! pkg load parallel
%! serial = {run(1), run(2)};
%! par = parcellfun (2, run, {1, 2}, 'UniformOutput', false, 'VerboseLevel', 0);
%! for s = 1:2
%!   a = par{s};
%!   b = serial{s};
%!   assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt));
%!   assert (isequal (a.history.loss, b.history.loss));
%! end
%! printf ('  parcellfun (2 processes): both models bit-identical to the serial runs\n');
