% -*- texinfo -*-
% @deftypefn  {hlnn} {[@var{rc}, @var{out}] =} hlnn_test_child (@var{code})
% @deftypefnx {hlnn} {[@var{rc}, @var{out}] =} hlnn_test_child (@var{code}, @var{timeout})
% @deftypefnx {hlnn} {@var{cmd} =} hlnn_test_child (@var{code}, @var{timeout}, 'command')
% Run Octave @var{code} in a child @command{octave-cli} with the same
% hlnn folders on its path (tests only).
%
% The code goes through a temporary script file, so it may contain any
% quotes.  @var{rc} is the child's exit status (124 after @var{timeout}
% seconds, default 600; 128 + N after signal N) and @var{out} its
% stdout and stderr.  With @qcode{'command'}, return the shell command
% instead of running it (to start the child in the background); the
% script file is then left for the caller.
% @end deftypefn
function [rc, out] = hlnn_test_child (code, timeout_s, mode)
  if (nargin < 2 || isempty (timeout_s))
    timeout_s = 600;
  end
  octave = getenv ('OCTAVE');
  if (isempty (octave))
    octave = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
  end
  dirs = {fileparts(which ('mlp_create')), fileparts(which ('hlnn_train_mex')), ...
          fileparts(mfilename ('fullpath'))};
  script = [tempname(), '.m'];
  fid = fopen (script, 'w');
  % a child that crashes or is killed must not leave octave-workspace here
  fprintf (fid, 'crash_dumps_octave_core (false);\n%s\n', code);
  fclose (fid);
  cmd = sprintf ('timeout -s KILL %d "%s" -q --no-window-system --norc', ...
                 timeout_s, octave);
  for i = 1:numel (dirs)
    cmd = sprintf ('%s --path "%s"', cmd, dirs{i});
  end
  cmd = sprintf ('%s "%s"', cmd, script);
  if (nargin > 2 && strcmp (mode, 'command'))
    rc = cmd;
    return;
  end
  [rc, out] = system ([cmd, ' 2>&1']);
  delete (script);
  % octave 7 on Debian prints this at exit, harmlessly
  out = regexprep (out, '[^\n]*ignoring const execution_exception[^\n]*\n?', '');
end
