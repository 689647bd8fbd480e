% -*- texinfo -*-
% @deftypefn  {hlnn} {} hlnn_build_mex ()
% @deftypefnx {hlnn} {@var{files} =} hlnn_build_mex (@var{name}, @var{value}, @dots{})
% @deftypefnx {hlnn} {@var{cmds} =} hlnn_build_mex (@dots{}, @qcode{'DryRun'}, true)
% Compile hlnn's C core and MEX gateways with MATLAB's @code{mex}, or with
% @code{mkoctfile --mex} under Octave.
%
% Octave users normally never need this: @code{pkg install} and
% @code{make} build the gateways.  It is meant for MATLAB: from a copy of
% the hlnn sources (the git tree, or the unpacked @file{hlnn-*.tar.gz}),
% @example
% addpath ('/path/to/hlnn/mfiles')      % or .../inst in the package tarball
% hlnn_build_mex ('GSLCFlags', '-I/opt/gsl/include', ...
%                 'GSLLibs', '-L/opt/gsl/lib -lgsl')
% hlnn                                  % prints version and BLAS in use
% @end example
% compiles every C file of the core and of @file{src/mex} once into
% object files, links each @file{*_mex.c} gateway against them, GSL and a
% CBLAS, and places the MEX files (and their help stubs) in the
% @file{private} folder beside the @file{.m} API, where its functions
% find them.
%
% @strong{Untested under MATLAB.}  The gateways use only the documented
% @file{mex.h} API (the classic separate-complex API, @code{mxGetPr}) and
% C99, and the command lines follow MATLAB's documented @code{mex}
% syntax for gcc/clang on Linux and macOS, but no MATLAB was available
% where hlnn is developed, so this path has never been run; reports are
% welcome.  The Octave path (@code{mkoctfile --mex}) is tested: the
% test suite builds every gateway into a temporary folder and calls one.
% On Windows (MSVC) the @qcode{'CFlags'} variable is named differently
% and GSL must be built first; not attempted.
%
% Options (name/value pairs or a struct, case-insensitive):
% @table @asis
% @item @qcode{'SourceDir'}
% folder holding the C sources: either @file{core/} and @file{mex/}
% subfolders (git tree) or all files flat (package tarball).  Default:
% @file{../src} relative to this file.
% @item @qcode{'OutDir'}
% where the MEX files go (default: the @file{private} folder beside this
% file).
% @item @qcode{'Gateways'}
% cell array of gateway names to build (default: every @file{*_mex.c}).
% @item @qcode{'GSLCFlags'}, @qcode{'GSLLibs'}
% compiler and linker flags of GSL, e.g. @qcode{'-I/opt/gsl/include'} and
% @qcode{'-L/opt/gsl/lib -lgsl'}.  Default: asked from
% @command{pkg-config gsl}, else @command{gsl-config}, else
% @qcode{''} and @qcode{'-lgsl'}; any @code{-lgslcblas} is dropped
% (the CBLAS comes from @qcode{'BlasLibs'}).
% @item @qcode{'BlasLibs'}
% the CBLAS to link.  Default: @qcode{'-lopenblas'} under Octave when the
% C compiler can link it (Octave itself uses OpenBLAS), else
% @qcode{'-lgslcblas'}; always @qcode{'-lgslcblas'} under MATLAB, whose
% own BLAS (MKL) has no @code{cblas_} interface.  Pass @qcode{'-lopenblas'}
% there for speed.
% @item @qcode{'CFlags'}
% extra C compiler flags (default @qcode{'-std=c99 -O2'}; the activation
% kernels get @qcode{'-O3 -ffast-math'} on top, as in the Makefile).
% @item @qcode{'DryRun'}
% if true, build nothing and return the commands, one cell array of
% arguments per compiler call (default false).  Under Octave a
% @qcode{'CFLAGS=@dots{}'} element is put into the environment of that
% @code{mkoctfile} call (appended to its default flags), not passed on.
% @item @qcode{'Verbose'}
% print each command before running it (default false).
% @end table
%
% Returns the full names of the MEX files built (or the commands).
% @seealso{hlnn}
% @end deftypefn
function out = hlnn_build_mex (varargin)
  here = fileparts (mfilename ('fullpath'));
  opts = hlnn_options (struct ('SourceDir', fullfile (here, '..', 'src'), ...
                               'OutDir', fullfile (here, 'private'), ...
                               'Gateways', {{}}, 'GSLCFlags', [], 'GSLLibs', [], ...
                               'BlasLibs', [], 'CFlags', '-std=c99 -O2', ...
                               'DryRun', false, 'Verbose', false), ...
                       'build', 'hlnn_build_mex', varargin);
  is_octave = exist ('OCTAVE_VERSION', 'builtin') ~= 0;
  check_opts (opts);
  [core, gateways, incdirs, stubs] = find_sources (opts.SourceDir, opts.Gateways);
  [gsl_cflags, gsl_libs] = gsl_flags (opts);
  blas = opts.BlasLibs;
  if (isempty (blas))
    blas = default_blas (is_octave);
  end
  incflags = [strcat('-I', incdirs), words(gsl_cflags)];
  libs = [words(gsl_libs), words(blas), {'-lm'}];
  if (isunix ())
    libs{end+1} = '-ldl';             % dlsym in blas_info.c (glibc < 2.34)
  end

  objdir = tempname ();
  cmds = {};
  objs = cell (1, numel (core));
  for k = 1:numel (core)
    [~, base] = fileparts (core{k});
    objs{k} = fullfile (objdir, [base '.o']);
    cflags = opts.CFlags;
    if (strcmp (base, 'act'))
      cflags = [cflags ' -O3 -ffast-math'];   % vectorised libm (DESIGN.md 6)
    end
    cmds{end+1} = compile_cmd (is_octave, core{k}, objs{k}, objdir, incflags, cflags); %#ok<AGROW>
  end
  files = cell (1, numel (gateways));
  for k = 1:numel (gateways)
    [~, name] = fileparts (gateways{k});
    if (is_octave)
      files{k} = fullfile (opts.OutDir, [name '.mex']);
      cmds{end+1} = [{'--mex', '-o', files{k}}, incflags, gateways(k), objs, libs]; %#ok<AGROW>
    else
      files{k} = fullfile (opts.OutDir, [name '.' mexext()]);
      cmds{end+1} = [{'-outdir', opts.OutDir, ['CFLAGS=$CFLAGS ' opts.CFlags]}, ...
                     incflags, gateways(k), objs, libs]; %#ok<AGROW>
    end
  end
  if (opts.DryRun)
    out = cmds;
    return;
  end

  mkdir_p (objdir);
  cleanup = onCleanup (@() rmdir (objdir, 's'));
  mkdir_p (opts.OutDir);
  for k = 1:numel (cmds)
    run_compiler (is_octave, cmds{k}, opts.Verbose);
  end
  for k = 1:numel (stubs)
    [~, name, ext] = fileparts (stubs{k});
    target = fullfile (opts.OutDir, [name ext]);
    if (~strcmp (stubs{k}, target))
      copyfile (stubs{k}, target);
    end
  end
  if (nargout > 0)
    out = files;
  else
    fprintf ('hlnn_build_mex: built %d gateways in %s\n', numel (files), opts.OutDir);
  end
end

function check_opts (opts)
  id = 'hlnn:build:option';
  texts = {'SourceDir', 'OutDir', 'CFlags'};
  for k = 1:numel (texts)
    if (~ischar (opts.(texts{k})))
      error (id, 'hlnn_build_mex: %s must be a string', texts{k});
    end
  end
  maybe = {'GSLCFlags', 'GSLLibs', 'BlasLibs'};
  for k = 1:numel (maybe)
    v = opts.(maybe{k});
    if (~(isempty (v) || ischar (v)))
      error (id, 'hlnn_build_mex: %s must be a string', maybe{k});
    end
  end
  if (~iscellstr (opts.Gateways))
    error (id, 'hlnn_build_mex: Gateways must be a cell array of names');
  end
  flags = {'DryRun', 'Verbose'};
  for k = 1:numel (flags)
    v = opts.(flags{k});
    if (~isscalar (v) || ~(islogical (v) || isnumeric (v)))
      error (id, 'hlnn_build_mex: %s must be true or false', flags{k});
    end
  end
end

function [core, gateways, incdirs, stubs] = find_sources (src, wanted)
  % the git tree has src/core and src/mex, the package tarball one flat src
  if (exist (fullfile (src, 'core'), 'dir') && exist (fullfile (src, 'mex'), 'dir'))
    incdirs = {fullfile(src, 'core'), fullfile(src, 'mex')};
  else
    incdirs = {src};
  end
  core = {};
  gateways = {};
  stubs = {};
  for d = 1:numel (incdirs)
    c = dir (fullfile (incdirs{d}, '*.c'));
    for k = 1:numel (c)
      f = fullfile (incdirs{d}, c(k).name);
      if (isempty (regexp (c(k).name, '_mex\.c$', 'once')))
        core{end+1} = f; %#ok<AGROW>
      else
        gateways{end+1} = f; %#ok<AGROW>
      end
    end
    m = dir (fullfile (incdirs{d}, '*_mex.m'));
    for k = 1:numel (m)
      stubs{end+1} = fullfile (incdirs{d}, m(k).name); %#ok<AGROW>
    end
  end
  if (isempty (gateways) || ~exist (fullfile (incdirs{end}, 'hlnn_mex.h'), 'file'))
    error ('hlnn:build:source', ...
           'hlnn_build_mex: no hlnn C sources in %s (set SourceDir)', src);
  end
  if (~isempty (wanted))
    names = regexprep (gateways, '^.*[\\/]|\.c$', '');
    keep = ismember (names, wanted);
    missing = setdiff (wanted, names);
    if (~isempty (missing))
      error ('hlnn:build:source', 'hlnn_build_mex: Gateways: no gateway named %s', ...
             strjoin (missing, ', '));
    end
    gateways = gateways(keep);
    stub_names = regexprep (stubs, '^.*[\\/]|\.m$', '');
    stubs = stubs(ismember (stub_names, wanted));
  end
end

function [cflags, libs] = gsl_flags (opts)
  % pkg-config, else gsl-config; the CBLAS is chosen separately
  cflags = opts.GSLCFlags;
  libs = opts.GSLLibs;
  tools = {'pkg-config --cflags gsl', 'pkg-config --libs gsl'; ...
           'gsl-config --cflags', 'gsl-config --libs'};
  for t = 1:size (tools, 1)
    if (~isempty (cflags) && ~isempty (libs))
      break;
    end
    [st1, c] = system ([tools{t, 1} ' 2>/dev/null']);
    [st2, l] = system ([tools{t, 2} ' 2>/dev/null']);
    if (st1 == 0 && st2 == 0)
      if (isempty (cflags))
        cflags = strtrim (c);
      end
      if (isempty (libs))
        libs = strtrim (l);
      end
    end
  end
  if (isempty (libs))
    libs = '-lgsl';
  end
  libs = strtrim (regexprep (libs, '-lgslcblas', ''));
end

function blas = default_blas (is_octave)
  blas = '-lgslcblas';
  if (is_octave)
    [st, ~] = system (['echo ''int main(void){return 0;}'' | cc -x c - ' ...
                       '-o /dev/null -lopenblas 2>/dev/null']);
    if (st == 0)
      blas = '-lopenblas';
    end
  end
end

function cmd = compile_cmd (is_octave, src, obj, objdir, incflags, cflags)
  if (is_octave)
    % mkoctfile takes the compiler flags from the environment (run_compiler)
    cmd = [{'--mex', '-c', '-o', obj}, incflags, {src}, {['CFLAGS=' cflags]}];
  else
    cmd = [{'-c', '-outdir', objdir, ['CFLAGS=$CFLAGS ' cflags]}, incflags, {src}];
  end
end

function run_compiler (is_octave, cmd, verbose)
  if (~is_octave)
    if (verbose)
      fprintf ('mex %s\n', strjoin (cmd, ' '));
    end
    mex (cmd{:});
    return;
  end
  % mkoctfile reads CFLAGS from the environment: set it for this call only
  assign = strncmp (cmd, 'CFLAGS=', 7);
  if (verbose)
    fprintf ('%s mkoctfile %s\n', strjoin (cmd(assign), ' '), strjoin (cmd(~assign), ' '));
  end
  old = getenv ('CFLAGS');
  if (any (assign))
    [base, ~] = mkoctfile ('-p', 'CFLAGS');
    setenv ('CFLAGS', [strtrim(base) ' ' cmd{assign}(8:end)]);
  end
  [output, status] = mkoctfile (cmd{~assign});
  setenv ('CFLAGS', old);
  if (status ~= 0)
    error ('hlnn:build:compile', 'hlnn_build_mex: %s failed:\n%s', ...
           strjoin (cmd, ' '), output);
  end
end

function c = words (s)
  c = regexp (strtrim (s), '\s+', 'split');
  c = c(~cellfun ('isempty', c));
end

function mkdir_p (d)
  if (~exist (d, 'dir'))
    [ok, msg] = mkdir (d);
    if (~ok)
      error ('hlnn:build:outdir', 'hlnn_build_mex: cannot create %s: %s', d, msg);
    end
  end
end

%!function ok = have_sources ()
%!  % the git tree (make check) has src/; an installed package has not
%!  ok = exist (fullfile (fileparts (which ('hlnn_build_mex')), '..', 'src', 'mex'), 'dir') ~= 0;
%!endfunction

%!testif ; have_sources ()
%! % the commands: one compile per C file, one link per gateway
%! cmds = hlnn_build_mex ('DryRun', true, 'OutDir', tempdir (), 'BlasLibs', '-lgslcblas');
%! here = fileparts (which ('hlnn_build_mex'));
%! ngw = numel (dir (fullfile (here, '..', 'src', 'mex', '*_mex.c')));
%! nc = numel (dir (fullfile (here, '..', 'src', 'core', '*.c'))) ...
%!      + numel (dir (fullfile (here, '..', 'src', 'mex', '*.c'))) - ngw;
%! assert (numel (cmds), nc + ngw);
%! compiles = cellfun (@(c) any (strcmp (c, '-c')), cmds);
%! assert (sum (compiles), nc);
%! link = cmds{end};
%! assert (any (strcmp (link, '-lgslcblas')) && any (strcmp (link, '-lgsl')));
%! assert (~any (strcmp (link, '-lopenblas')));
%! assert (sum (~cellfun ('isempty', regexp (link, '\.o$'))), nc);
%! act = cmds{cellfun (@(c) any (~cellfun ('isempty', regexp (c, 'act\.c$'))), cmds)};
%! assert (any (~cellfun ('isempty', strfind (act, '-ffast-math'))));

%!testif ; have_sources ()
%! cmds = hlnn_build_mex ('DryRun', true, 'Gateways', {'hlnn_info_mex'});
%! assert (any (~cellfun ('isempty', regexp (cmds{end}, 'hlnn_info_mex\.c$'))));
%! assert (sum (cellfun (@(c) ~any (strcmp (c, '-c')), cmds)), 1);
%! fail ("hlnn_build_mex ('DryRun', true, 'Gateways', {'nope_mex'})", 'no gateway named nope_mex');

%!error <no hlnn C sources> hlnn_build_mex ('DryRun', true, 'SourceDir', tempdir ())
%!error <unknown option 'Output'> hlnn_build_mex ('Output', 'x')
%!error <OutDir must be a string> hlnn_build_mex ('OutDir', 3)
%!error <DryRun must be true or false> hlnn_build_mex ('DryRun', 'yes')

%!demo
%! % the compiler calls a build would make (nothing is compiled)
%! cmds = hlnn_build_mex ('DryRun', true, 'Gateways', {'hlnn_info_mex'});
%! for k = 1:numel (cmds)
%!   fprintf ('mkoctfile %s\n', strjoin (cmds{k}, ' '));
%! end
