% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{loss}, @var{grad}] =} hlnn_loss_mex (@dots{})
% Full-batch training loss of a model and its exact parameter gradient.
%
% Internal MEX gateway (source: src/mex/hlnn_loss_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_loss_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_loss_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
