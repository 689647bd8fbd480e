% -*- texinfo -*-
% @deftypefn {hlnn} {} test_checkpoint_kill ()
% Crash-safe checkpoints: a child octave-cli trains with a checkpoint
% after every chunk and is killed with SIGKILL mid-run; training resumed
% from the checkpoint ends bit-identical (weights, optimizer state, loss
% history) to an uninterrupted run of the same total steps.  While the
% child runs, this process loads the checkpoint over and over: with the
% write-then-rename scheme it must never see a partial file.
% @end deftypefn
function test_checkpoint_kill ()
end

%!test
%! d = tempname ();
%! mkdir (d);
%! unwind_protect
%!   t = linspace (0, 7, 4000)';
%!   X = [sin(t), cos(3 * t)];
%!   Y = X(:, 1) .* X(:, 2) + 0.1 * t;
%!   m0 = mlp_create ([2 32 32 1], 'Seed', 3);
%!   T = 3000;
%!   topts = {'Batch', 128, 'LearningRate', 3e-3, 'Verbose', false};
%!   data = fullfile (d, 'data.mat');
%!   save ('-binary', data, 'X', 'Y', 'm0', 'T', 'topts');
%!   ck = fullfile (d, 'ck.mat');
%!   pidf = fullfile (d, 'pid');
%!   donef = fullfile (d, 'done');
%!   code = sprintf (['load (''%s'');\n', ...
%!                    'fid = fopen (''%s.tmp'', ''w''); fprintf (fid, ''%%d'', getpid ()); fclose (fid);\n', ...
%!                    'rename (''%s.tmp'', ''%s'');\n', ...
%!                    'm = mlp_train (m0, X, Y, ''Steps'', T, topts{:}, ''Checkpoint'', ''%s'', ', ...
%!                    '''CheckpointEvery'', 0, ''ChunkSeconds'', 0.02);\n', ...
%!                    'fclose (fopen (''%s'', ''w''));\n'], data, pidf, pidf, pidf, ck, donef);
%!   system ([hlnn_test_child(code, 300, 'command'), ' > ', fullfile(d, 'child.log'), ' 2>&1 &']);
%!   t0 = tic ();
%!   pid = [];
%!   loads = 0;
%!   killed_at = [];
%!   while (toc (t0) < 120 && ~exist (donef, 'file'))
%!     if (isempty (pid) && exist (pidf, 'file'))
%!       pid = str2double (fileread (pidf));
%!     end
%!     if (exist (ck, 'file'))
%!       s = load (ck);            % never a half-written file
%!       loads = loads + 1;
%!       if (s.model.opt.step >= 300 && ~isempty (pid))
%!         kill (pid, 9);
%!         killed_at = s.model.opt.step;
%!         break;
%!       end
%!     end
%!     pause (0.005);
%!   end
%!   assert (~isempty (killed_at), 'the child finished or never checkpointed');
%!   pause (0.5);
%!   assert (~exist (donef, 'file'));
%!   s = load (ck);
%!   m = s.model;
%!   printf ('  killed the child at checkpoint step >= %d; last checkpoint: step %d of %d; %d checkpoint loads while it ran\n', ...
%!           killed_at, m.opt.step, T, loads);
%!   assert (m.opt.step >= killed_at && m.opt.step < T);
%!   assert (numel (m.history.loss), m.opt.step);
%!   r = mlp_train (m, X, Y, 'Steps', T - m.opt.step, topts{:});
%!   u = mlp_train (m0, X, Y, 'Steps', T, topts{:});
%!   assert (isequal (r.W, u.W) && isequal (r.b, u.b));
%!   assert (isequal (r.opt, u.opt));
%!   assert (isequal (r.history.loss, u.history.loss));
%!   assert (isequal (r.history.step, u.history.step));
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, 'local');
%!   rmdir (d, 's');
%! end_unwind_protect
