% -*- texinfo -*-
% @deftypefn {hlnn} {} test_save_load ()
% A model is a plain struct: @code{save -binary}, @code{-v7} (the MATLAB
% format) and @code{-text} round-trip it with identical fields (classes,
% sizes, values, bit for bit), and the loaded model predicts identically
% and continues training exactly as the original does -- MLP, and HNN
% (with a learned dissipation rate) and LNN models when present.
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

%!function roundtrip (m, train, data, predict, eval_args)
%!  % each format: identical fields, predictions, and continued training
%!  topts = {'Batch', 32, 'LearningRate', 3e-3, 'Verbose', false};
%!  for fmt = {'-binary', '-v7', '-text'}
%!    f = [tempname(), '.mat'];
%!    unwind_protect
%!      save (fmt{1}, f, 'm');
%!      if (strcmp (fmt{1}, '-v7'))
%!        fid = fopen (f, 'r');
%!        head = fread (fid, 128, 'uint8=>char')';
%!        fclose (fid);
%!        % MATLAB 5 MAT-file header: text, version 0x0100, endian 'IM'
%!        assert (strncmp (head, 'MATLAB 5.0 MAT-file', 19));
%!        assert (double (head(125:128)), [0 1 double('IM')]);
%!      end
%!      s = load (f);
%!    unwind_protect_cleanup
%!      delete (f);
%!    end_unwind_protect
%!    same (s.m, m, [m.kind, ' model after save ', fmt{1}]);
%!    assert (isequal (predict (s.m, eval_args{:}), predict (m, eval_args{:})));
%!    a = train (m, data{:}, 'Steps', 25, topts{:});
%!    b = train (s.m, data{:}, 'Steps', 25, topts{:});
%!    assert (isequal (a.W, b.W) && isequal (a.b, b.b) && isequal (a.opt, b.opt), fmt{1});
%!    assert (isequal (a.history.loss, b.history.loss), fmt{1});
%!  end
%!endfunction

%!shared m, x, y
%! t = linspace (0, 6, 200)';
%! x = [sin(t), cos(2 * t)];
%! y = x(:, 1) .* x(:, 2);
%! m = mlp_create ([2 16 8 1], 'Seed', 4, 'Activation', 'softplus');
%! m = mlp_train (m, x, y, 'Steps', 40, 'Batch', 32, 'LearningRate', 3e-3, ...
%!                'Verbose', false, 'Validation', {x, y});

%!test
%! roundtrip (m, @mlp_train, {x, y}, @mlp_predict, {x});

%!testif ; hlnn_test_have ('hnn')
%! % learned dissipation: the extra parameter rho and its rate gamma too
%! h = hnn_create (1, [12 12], 'Seed', 5, 'Dissipation', 'learned', 'Gamma', 0.2);
%! dx = [x(:, 2), -x(:, 1)];
%! h = hnn_train (h, x, dx, 'Steps', 30, 'Batch', 32, 'Verbose', false);
%! roundtrip (h, @hnn_train, {x, dx}, @hnn_field, {x});

%!testif ; hlnn_test_have ('lnn')
%! l = lnn_create (1, [12 12], 'Seed', 6);
%! q = x(:, 1);
%! l = lnn_train (l, q, x(:, 2), -q, 'Steps', 30, 'Batch', 32, 'Verbose', false);
%! roundtrip (l, @lnn_train, {q, x(:, 2), -q}, @lnn_accel, {q, x(:, 2)});

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
