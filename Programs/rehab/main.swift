import Foundation

// Health data: everything this process creates is private to the user (files 0600, folders 0700).
umask(0o077)
RehabCommand.runAndExit()
