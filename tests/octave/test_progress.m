% -*- texinfo -*-
% @deftypefn {hlnn} {} test_progress ()
% Progress lines of the training loop: silent with 'Verbose', false; plain
% lines or one line redrawn in place (HLNN_PROGRESS, else the terminal
% test); a final summary line.  The terminal test itself runs octave-cli
% once on a pipe and once on a pseudo-terminal made by script(1).
% @end deftypefn
function test_progress ()
end

%!function out = train_output (mode, verbose)
%!  old = getenv ('HLNN_PROGRESS');
%!  setenv ('HLNN_PROGRESS', mode);
%!  x = linspace (-1, 1, 32)';
%!  m = mlp_create ([1 8 1], 'Seed', 1);
%!  try
%!    out = evalc ('mlp_train (m, x, x.^2, ''Steps'', 200, ''ChunkSeconds'', 1e-4, ''Verbose'', verbose);');
%!  catch err
%!    setenv ('HLNN_PROGRESS', old);
%!    rethrow (err);
%!  end
%!  setenv ('HLNN_PROGRESS', old);
%!endfunction

%!function out = run_octave (wrap)
%!  % a fresh octave-cli trains briefly; WRAP places it on a pipe or a pty
%!  octave = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
%!  script = [tempname() '.m'];
%!  fid = fopen (script, 'w');
%!  fprintf (fid, 'addpath (''%s'', ''%s'');\n', fileparts (which ('mlp_train')), ...
%!           fileparts (which ('hlnn_train_mex')));
%!  fprintf (fid, 'x = linspace (-1, 1, 32)'';\n');
%!  fprintf (fid, 'mlp_train (mlp_create ([1 8 1]), x, x, ''Steps'', 100, ''ChunkSeconds'', 1e-4);\n');
%!  fclose (fid);
%!  cmd = sprintf ('env -u HLNN_PROGRESS %s -q --no-window-system %s', octave, script);
%!  [status, out] = system (sprintf (wrap, cmd));
%!  delete (script);
%!  assert (status, 0);
%!endfunction

%!test
%! assert (train_output ('', false), '');
%! assert (train_output ('inplace', false), '');

%!test
%! out = train_output ('lines', true);
%! assert (isempty (strfind (out, char (13))));
%! assert (isempty (strfind (out, char (27))));
%! lines = strsplit (strtrim (out), "\n");
%! assert (numel (lines) >= 2);
%! assert (~isempty (regexp (lines{1}, '^mlp_train: step \d+ \(\d+/200\)  loss \S+  \d+ steps/s  ETA', 'once')));
%! assert (~isempty (regexp (lines{end}, '^mlp_train: done, 200 steps in \S+ s \(\d+ steps/s\), final loss \S+$', 'once')));

%!test
%! % in place: every chunk redraws the line; only the summary ends it
%! out = train_output ('inplace', true);
%! redraws = numel (strfind (out, [char(27) '[K']));
%! assert (redraws >= 3);
%! assert (numel (strfind (out, char (13))), redraws);
%! assert (numel (strfind (out, "\n")), 1);
%! assert (out(end), "\n");
%! tail = out(find (out == char (13), 1, 'last') + 1:end);
%! assert (~isempty (regexp (tail, '^mlp_train: done, 200 steps', 'once')));

%!test
%! % a pipe is not a terminal: plain lines
%! out = run_octave ('%s 2>&1 | cat');
%! assert (isempty (strfind (out, char (13))));
%! assert (~isempty (strfind (out, 'mlp_train: done, 100 steps')));

%!function ok = have_script ()
%!  ok = system ('command -v script > /dev/null') == 0;
%!  if (~ok)
%!    printf ('SKIP: script(1) (util-linux) not found: no pseudo-terminal to test on\n');
%!  end
%!endfunction

%!testif ; have_script ()
%! % script(1) runs the command on a pseudo-terminal: redrawn in place
%! out = run_octave ('script -qec "%s" /dev/null');
%! assert (~isempty (strfind (out, [char(13) 'mlp_train: step'])));
%! assert (~isempty (strfind (out, [char(27) '[K'])));
%! assert (~isempty (strfind (out, 'mlp_train: done, 100 steps')));
