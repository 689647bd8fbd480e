% -*- texinfo -*-
% @deftypefn {hlnn} {} test_save_load ()
% A model is a plain struct: @code{save -binary}, @code{-v7} (the MATLAB
% format) and @code{-text} round-trip it with identical fields (classes,
% sizes, values, bit for bit), and the loaded model predicts identically
% and continues training exactly as the original does.
% @end deftypefn
function test_save_load ()
end

%!function same (a, b, where)
%!  if (~strcmp (class (a), class (b)) || ~isequal (size (a), size (b)))
%!    error ('%s: %s %s became %s %s', where, class (a), mat2str (size (a)), ...
%!           class (b), mat2str (size (b)));
%!  end
%!  if (isstruct (a))
%!    assert (isequal (fieldnames (a), fieldnames (b)), [where, ': field names']);
%!    f = fieldnames (a);
%!    for i = 1:numel (a)
%!      for k = 1:numel (f)
%!        same (a(i).(f{k}), b(i).(f{k}), sprintf ('%s(%d).%s', where, i, f{k}));
%!      end
%!    end
%!  elseif (iscell (a))
%!    for i = 1:numel (a)
%!      same (a{i}, b{i}, sprintf ('%s{%d}', where, i));
%!    end
%!  else
%!    assert (isequaln (a, b), [where, ': values']);
%!  end
%!endfunction

%!shared m, x, y, topts
%! t = linspace (0, 6, 200)';
%! x = [sin(t), cos(2 * t)];
%! y = x(:, 1) .* x(:, 2);
%! topts = {'Batch', 32, 'LearningRate', 3e-3, 'Verbose', false};
%! m = mlp_create ([2 16 8 1], 'Seed', 4, 'Activation', 'softplus');
%! m = mlp_train (m, x, y, 'Steps', 40, topts{:}, 'Validation', {x, y});

%!test
%! for fmt = {'-binary', '-v7', '-text'}
%!   f = [tempname(), '.mat'];
%!   unwind_protect
%!     save (fmt{1}, f, 'm');
%!     if (strcmp (fmt{1}, '-v7'))
%!       fid = fopen (f, 'r');
%!       head = fread (fid, 128, 'uint8=>char')';
%!       fclose (fid);
%!       % MATLAB 5 MAT-file header: text, version 0x0100, endian 'IM'
%!       assert (strncmp (head, 'MATLAB 5.0 MAT-file', 19));
%!       assert (double (head(125:128)), [0 1 double('IM')]);
%!     end
%!     s = load (f);
%!   unwind_protect_cleanup
%!     delete (f);
%!   end_unwind_protect
%!   same (s.m, m, ['model after save ', fmt{1}]);
%!   assert (isequal (mlp_predict (s.m, x), mlp_predict (m, x)));
%!   a = mlp_train (m, x, y, 'Steps', 25, topts{:});
%!   b = mlp_train (s.m, x, y, 'Steps', 25, topts{:});
%!   assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt), fmt{1});
%!   assert (isequal (a.history.loss, b.history.loss), fmt{1});
%! end

%!testif ; hlnn_test_have ('scipy')
%! % an independent reader of the MATLAB format, when the machine has one:
%! % SciPy loads the -v7 file and writes its weights back with its own writer
%! py = '/usr/bin/python3';
%! f = [tempname(), '.mat'];
%! g = [tempname(), '.mat'];
%! unwind_protect
%!   save ('-v7', f, 'm');
%!   code = ['import scipy.io, sys; s = scipy.io.loadmat(sys.argv[1])["m"][0, 0]; ', ...
%!           'L = s["W"].shape[0]; out = {}; ', ...
%!           '[out.update({"W%d" % (l + 1): s["W"][l, 0], "b%d" % (l + 1): s["b"][l, 0]}) for l in range(L)]; ', ...
%!           'out["kind"] = s["kind"][0]; out["step"] = s["opt"]["step"][0, 0]; ', ...
%!           'scipy.io.savemat(sys.argv[2], out)'];
%!   [rc, out] = system (sprintf ('%s -c ''%s'' %s %s 2>&1', py, code, f, g));
%!   assert (rc == 0, 'child failed (rc %d): %s', rc, out);
%!   s = load (g);
%! unwind_protect_cleanup
%!   delete (f);
%!   if (exist (g, 'file'))
%!     delete (g);
%!   end
%! end_unwind_protect
%! for l = 1:numel (m.W)
%!   assert (isequal (s.(sprintf ('W%d', l)), m.W{l}) && isequal (s.(sprintf ('b%d', l)), m.b{l}));
%! end
%! assert (s.kind, 'mlp');
%! assert (s.step, m.opt.step);
%! printf ('  SciPy read the -v7 model: weights bit-identical\n');
