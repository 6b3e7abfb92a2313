<#
.SYNOPSIS
  Start Microsoft Edge as the drop-in centre kiosk ("public browsing"), and start it again when it closes.

.DESCRIPTION
  The kiosk app promises that nothing is stored, but the app cannot reach what Windows and Edge keep:
  autofill, downloads, "Save as PDF", the print spooler, the touch keyboard's word list. This script and
  edge-policy.reg are the Windows half of that promise; scripts/KIOSK-BROWSER.md explains the whole.

  Preferred set-up: Windows Assigned Access (Settings > Accounts > Other users > Set up a kiosk >
  Microsoft Edge > "Public browser", URL http://127.0.0.1:8080/, idle time 3 minutes). It signs the kiosk
  account in and keeps Edge running. Use this script where Assigned Access is not available, for example
  as a logon task of a locked-down local account.

  Once, as administrator:
    reg import scripts\windows\edge-policy.reg
  Then check edge://policy on the kiosk: no row should say Error.

.NOTES
  Windows keeps copies outside Edge, and no browser policy reaches them. Do these once on the kiosk image
  (see scripts/KIOSK-BROWSER.md). The commands below are from memory and were not tested on Windows: check
  them on your Windows build.
  - Touch keyboard and typing: Settings > Time & language > Typing: turn off "Show text suggestions" for
    the touch keyboard and the physical keyboard, and "Typing insights". Settings > Privacy & security >
    Inking & typing personalisation: off. Otherwise the touch keyboard can suggest the previous person's name.
    Policy form: reg add HKLM\SOFTWARE\Policies\Microsoft\InputPersonalization /v AllowInputPersonalization /t REG_DWORD /d 0 /f
  - Clipboard history (Win+V) and its cloud sync: off.
    Policy form: reg add HKLM\SOFTWARE\Policies\Microsoft\Windows\System /v AllowClipboardHistory /t REG_DWORD /d 0 /f
  - Printers: the edge policy removes Edge's own "Save as PDF", not the Windows printers that write files.
    Remove them:  Remove-Printer -Name 'Microsoft Print to PDF'; Remove-Printer -Name 'Microsoft XPS Document Writer'
    (and any OneNote printer). On the real printer, leave "Keep printed documents" off, and leave the
    Microsoft-Windows-PrintService/Operational log disabled: event 307 records the document name.
#>
[CmdletBinding()]
param(
  [string]$Url = $(if ($env:KIOSK_URL) { $env:KIOSK_URL } else { 'http://127.0.0.1:8080/' }),
  # Start Edge once and return, without the restart loop (for trying it out).
  [switch]$Once
)
$ErrorActionPreference = 'Stop'

$edge = @(
  (Join-Path ${env:ProgramFiles(x86)} 'Microsoft\Edge\Application\msedge.exe'),
  (Join-Path $env:ProgramFiles 'Microsoft\Edge\Application\msedge.exe')
) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
if (-not $edge) {
  Write-Error 'Microsoft Edge (msedge.exe) was not found under Program Files.'
  exit 1
}

# Without the policy there is no idle wipe, and autofill, downloads and "Save as PDF" are all on.
$policyKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Edge'
$policy = Get-ItemProperty -Path $policyKey -ErrorAction SilentlyContinue
if (-not $policy -or -not $policy.IdleTimeout) {
  Write-Warning 'The kiosk policy is not installed. As administrator, run once:'
  Write-Warning '    reg import scripts\windows\edge-policy.reg'
  Write-Warning 'Starting anyway, so the kiosk is not left dark.'
}

# public-browsing runs InPrivate and resets the session after the idle time; 0 would turn the reset off,
# so keep it between 1 and 5 minutes (the lint test checks this line).
$edgeArgs = @(
  '--kiosk', $Url,
  '--edge-kiosk-type=public-browsing',
  '--kiosk-idle-timeout-minutes=3',
  '--no-first-run'
)

$fastFailures = 0
while ($true) {
  $started = Get-Date
  $process = Start-Process -FilePath $edge -ArgumentList $edgeArgs -PassThru
  $process.WaitForExit()
  if ($Once) { exit $process.ExitCode }
  $seconds = [int]((Get-Date) - $started).TotalSeconds
  # msedge.exe returns at once when another Edge process takes over the window (startup boost or
  # background mode); back off instead of opening a new window every second.
  if ($seconds -lt 10) {
    $fastFailures++
    $delay = [Math]::Min(30, 2 * $fastFailures)
    Write-Warning "Edge exited after $seconds s; starting it again in $delay s."
    Start-Sleep -Seconds $delay
  } else {
    $fastFailures = 0
    Start-Sleep -Seconds 1
  }
}
