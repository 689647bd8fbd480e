% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{ok} =} hlnn_test_pserver ('start')
% @deftypefnx {hlnn} {@var{conns} =} hlnn_test_pserver ('conns')
% @deftypefnx {hlnn} {@var{gone} =} hlnn_test_pserver ('stop')
% A loopback cluster for the tests: an octave-parallel server on this
% machine, run as an unprivileged user, with this Octave as its client.
%
% @qcode{'start'} returns true with the server up and connected, or
% prints "SKIP: reason" and returns false (nothing left running) when it
% cannot be had: HLNN_TEST_NO_SERVER set, no parallel package or server
% binary, a server already on this machine (ports 12501/12502 are fixed),
% no unprivileged user that can read the hlnn folders, no connection.
% Meant as a %!testif run-time condition.
%
% The server runs without authentication (Debian's octave-parallel has
% no TLS), so for the seconds it runs any local or network user who can
% reach ports 12501/12502 can run commands as its user (nobody when the
% tests run as root).  Set HLNN_TEST_NO_SERVER=1 to skip the test instead.
%
% It is started in a session of its own (setsid) so that its process
% group holds the server and the Octave processes it forks; a watchdog
% shell (in a session of its own too) kills that group once this Octave
% process is gone, should the test be killed before @qcode{'stop'} runs.  @qcode{'stop'} closes the
% connections, kills the group and the watchdog, and removes the pid
% file and the error logs the server left in /tmp.
% @end deftypefn
function out = hlnn_test_pserver (what)
  persistent st
  switch (what)
    case 'start'
      if (~isempty (st))
        stop_server (st);
        st = [];
      end
      [st, why] = start_server ();
      out = isempty (why);
      if (~out)
        printf ('SKIP: loopback octave-parallel server: %s\n', why);
      end
    case 'conns'
      out = st.conns;
    case 'stop'
      out = true;
      if (~isempty (st))
        out = stop_server (st);
        st = [];
      end
    otherwise
      error ('hlnn_test_pserver: unknown action %s', what);
  end
end

function [st, why] = start_server ()
  st = [];
  why = '';
  if (~isempty (getenv ('HLNN_TEST_NO_SERVER')))
    why = 'HLNN_TEST_NO_SERVER is set';
    return;
  end
  try
    pkg load parallel
  catch
    why = 'the parallel package is not installed (Debian: octave-parallel)';
    return;
  end
  server = '';
  cands = {'/usr/libexec/octave-pserver', ...
           fullfile(fileparts (which ('pserver')), 'bin', 'octave-pserver')};
  for k = 1:numel (cands)
    if (exist (cands{k}, 'file'))
      server = cands{k};
      break;
    end
  end
  if (isempty (server))
    why = 'no octave-pserver binary';
    return;
  end
  [~, host] = system ('hostname');
  host = strtrim (host);
  pidfile = sprintf ('/tmp/.octave-%s.pid', host);
  if (exist (pidfile, 'file'))
    % left by a server that was killed (SIGKILL leaves it): remove it
    pid = str2double (fileread (pidfile));
    if (isfinite (pid) && system (sprintf ('ps -p %d > /dev/null', pid)) ~= 0)
      [~, ~] = unlink (pidfile);
    end
    if (exist (pidfile, 'file'))
      why = sprintf ('a server already runs here (%s exists)', pidfile);
      return;
    end
  end
  [rc, listening] = system ('ss -ltn 2>/dev/null');
  if (rc == 0 && ~isempty (regexp (listening, ':1250[12]\s', 'once')))
    why = 'TCP port 12501 or 12502 is already in use';
    return;
  end
  [~, uid] = system ('id -u');
  runas = '';
  if (str2double (uid) == 0)
    % octave-pserver refuses to run as root
    if (system ('command -v runuser > /dev/null') ~= 0)
      why = 'running as root and runuser(1) is missing';
      return;
    end
    runas = 'runuser -u nobody --';
  end
  dirs = {fileparts(which ('hlnn_fit')), fileparts(which ('hlnn_train_mex'))};
  for k = 1:numel (dirs)
    if (system (sprintf ('%s test -r %s/hlnn_fit.m -o -r %s/hlnn_train_mex.mex', ...
                         runas, dirs{k}, dirs{k})) ~= 0)
      why = sprintf ('the server''s user cannot read %s', dirs{k});
      return;
    end
  end
  if (system ('command -v setsid > /dev/null') ~= 0)
    why = 'setsid(1) is missing';
    return;
  end

  st.pidfile = pidfile;
  st.logs_before = error_logs (host);
  st.host = host;
  st.conns = [];
  st.watchdog = [];
  st.pgid = [];
  octave = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
  system (sprintf ('setsid %s %s --octave-binary=%s --no-auth < /dev/null > /dev/null 2>&1', ...
                   runas, server, octave));
  pid = [];
  for k = 1:100
    if (exist (pidfile, 'file'))
      pid = str2double (fileread (pidfile));
      if (isfinite (pid))
        break;
      end
    end
    pause (0.1);
  end
  if (isempty (pid) || ~isfinite (pid))
    why = 'the server did not start (no pid file after 10 s)';
    stop_server (st);
    st = [];
    return;
  end
  [~, pgid] = system (sprintf ('ps -o pgid= -p %d', pid));
  st.pgid = str2double (pgid);
  st.pid = pid;
  % a session of its own: timeout(1) kills the whole process group of
  % the test, which must not take the watchdog with it
  [~, w] = system (sprintf (['setsid sh -c ''while kill -0 %d 2>/dev/null; do sleep 1; done; ' ...
                             'kill -KILL -%d; rm -f %s'' > /dev/null 2>&1 & echo $!'], ...
                            getpid (), st.pgid, pidfile));
  st.watchdog = str2double (w);
  for k = 1:20
    try
      st.conns = pconnect ({'localhost'}, struct ('use_tls', false));
      break;
    catch err
      msg = err.message;
      pause (0.25);
    end
  end
  if (isempty (st.conns))
    why = sprintf ('could not connect to it: %s', msg);
    stop_server (st);
    st = [];
  end
end

function gone = stop_server (st)
  if (~isempty (st.conns))
    try
      sclose (st.conns);
    catch
    end
  end
  gone = true;
  if (~isempty (st.pgid) && isfinite (st.pgid))
    system (sprintf ('kill -TERM -%d 2>/dev/null', st.pgid));
    for k = 1:50
      gone = ~group_alive (st.pgid);
      if (gone)
        break;
      end
      pause (0.1);
    end
    if (~gone)
      system (sprintf ('kill -KILL -%d 2>/dev/null', st.pgid));
      pause (0.5);
      gone = ~group_alive (st.pgid);
    end
  end
  if (~isempty (st.watchdog) && isfinite (st.watchdog))
    system (sprintf ('kill %d 2>/dev/null', st.watchdog));
  end
  if (exist (st.pidfile, 'file'))
    delete (st.pidfile);
  end
  new = setdiff (error_logs (st.host), st.logs_before);
  for k = 1:numel (new)
    delete (new{k});
  end
end

function alive = group_alive (pgid)
  % any process of the group that is not a zombie
  alive = system (sprintf ('ps -e -o pgid=,stat= | awk ''$1 == %d && $2 !~ /^Z/'' | grep -q .', ...
                           pgid)) == 0;
end

function f = error_logs (host)
  d = dir (sprintf ('/tmp/octave_error-%s*.log', host));
  f = strcat ('/tmp/', {d.name});
end
