% -*- texinfo -*-
% @deftypefn {hlnn} {} test_large_data ()
% Large data: minibatch training on 1e6 samples x 4 features, then
% prediction on all of them, in a fresh child octave-cli whose peak
% resident memory (VmHWM of /proc/self/status) must stay within twice the
% data size plus the working set of the network and trainer above the
% process's footprint before the data existed.
% @end deftypefn
function test_large_data ()
end

%!test
%! if (~exist ('/proc/self/status', 'file'))
%!   printf ('  no /proc/self/status: memory test skipped\n');
%!   return;
%! end
%! code = [ ...
%!   'kb = @(f) str2double (regexp (fileread (''/proc/self/status''), [f, '':\s*(\d+) kB''], ''tokens'', ''once''));', "\n", ...
%!   'm = mlp_create ([4 32 32 1], ''Seed'', 1);', "\n", ...
%!   'mlp_predict (mlp_train (m, ones (9, 4), ones (9, 1), ''Steps'', 1, ''Verbose'', false), ones (2, 4));', "\n", ...
%!   'base = kb (''VmRSS'');', "\n", ...
%!   'randn (''state'', 1);', "\n", ...
%!   'X = randn (1e6, 4);', "\n", ...
%!   'Y = sin (X(:, 1)) + X(:, 2) .* X(:, 3) - 0.5 * X(:, 4);', "\n", ...
%!   'data = kb (''VmRSS'');', "\n", ...
%!   'tic; m = mlp_train (m, X, Y, ''Steps'', 300, ''Batch'', 1024, ''Verbose'', false); t = toc;', "\n", ...
%!   'train = kb (''VmHWM'');', "\n", ...
%!   'P = mlp_predict (m, X);', "\n", ...
%!   'pred = kb (''VmHWM'');', "\n", ...
%!   'printf (''MEM %d %d %d %d %.3f %.6g %.6g\n'', base, data, train, pred, t, mean ((P - Y).^2), var (Y));'];
%! [rc, out] = hlnn_test_child (code, 300);
%! assert (rc, 0, out);
%! v = sscanf (out(strfind (out, 'MEM ') + 4:end), '%f');
%! [base, data, train, pred, t, mse, vy] = deal (v(1), v(2), v(3), v(4), v(5), v(6), v(7));
%! N = 1e6; batch = 1024; sizes = [4 32 32 1];
%! MiB = @(b) b / 2^20;
%! data_bytes = N * (4 + 1) * 8;
%! P = sum (sizes(2:end) .* (sizes(1:end-1) + 1));
%! % trainer: row permutation (size_t per sample), minibatch copies, undo
%! % log; optimizer: theta, gradient, two moments and their backups; MLP
%! % workspace: values and derivatives of every layer over a batch
%! work_bytes = 8 * N + 8 * batch * (2 + 5) + 8 * 7 * P + 8 * 4 * batch * sum (sizes);
%! printf ('  data %.1f MiB, working set %.1f MiB; above the empty process: data in memory %.1f MiB, peak while training %.1f MiB (%.2fx data), peak with the 1e6 predictions %.1f MiB\n', ...
%!         MiB (data_bytes), MiB (work_bytes), (data - base) / 1024, ...
%!         (train - base) / 1024, (train - base) * 1024 / data_bytes, (pred - base) / 1024);
%! printf ('  300 steps of batch %d in %.2f s; MSE of the 1e6 predictions %.4g (variance of Y %.4g)\n', batch, t, mse, vy);
%! assert ((train - base) * 1024 <= 2 * data_bytes + work_bytes);
%! % prediction adds its N x 1 result, computed in blocks of 4096 rows
%! assert ((pred - base) * 1024 <= 2 * data_bytes + work_bytes + 8 * N);
%! assert (mse < vy);
