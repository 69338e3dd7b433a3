"""What the core says about the files a user moves: packages, database files, exported lists (zh, en).

Exchange packages in and out, databases opened or restored, a list written to a spreadsheet:
kept beside `messages` (which looks them up by rule key like its own) so that it stays under
500 lines; `message()` is the way to read them.
"""

from __future__ import annotations

FILE_MESSAGES: dict[str, tuple[str, str]] = {
    # photo rows imported without their file, none here either (exchange/photo_arrivals.py); the
    # package cannot tell why: the sender did not tick the box, or the files did not fit in it
    "import.photo_files_missing": (
        "照片文件缺失 {n} 张：数据包中的照片记录没有随附照片文件，本机也没有这些文件。可能是发件方导出时"
        "没有勾选“包含照片文件”，也可能是照片文件超出了一个数据包的上限，留待发件方的下一个数据包送达"
        "（发件方导出时会提示“另有…张尚未发出的照片文件”）。请发件方导出时勾选“包含照片文件”"
        "（命令行加 --attachments）再导出一次，直到导出时不再有这个提示；缺少的照片文件会随那些数据包送达，"
        "导入即可补齐",
        "{n} photo file(s) missing: photo records in the package came without their files, and this "
        "computer does not have them. Either the sender exported without “Include photo files”, or "
        "the photo files did not fit in one package and come in the sender's next one (the sender's "
        "export then says more photo files were left for the next package). Ask the sender to export "
        "again with “Include photo files” (--attachments on the command line) until that note no "
        "longer appears: the missing files come with those packages, and importing them fills the gap",
    ),
    # a photo added in the editor in a picture format it does not take (models/inspections.py)
    "photo.unsupported_format": (
        "照片 {name} 是 {kind} 格式的图片，QCDesk 暂不支持 {kind} 格式（只收 JPEG 和 PNG），未添加。"
        "请把这张照片转换为 JPG 后再添加；用手机拍照的，可在手机上把相机格式设为“兼容性最佳”"
        "（iPhone：设置 ▸ 相机 ▸ 格式 ▸ 兼容性最佳），此后拍的照片就是 JPG，可直接添加。",
        "The photo {name} is a {kind} picture; QCDesk does not support the {kind} format yet (it "
        "takes JPEG and PNG), so it was not added. Convert the photo to JPG, then add it again; "
        "on a phone, set the camera format to “Most Compatible” (iPhone: Settings ▸ Camera ▸ "
        "Formats ▸ Most Compatible) and the photos it takes from then on are JPGs you can add.",
    ),
    # a JPEG/PNG photo whose file stops before its end marker (models/photo_formats.py)
    "photo.incomplete": (
        "照片 {name} 不完整（文件在图片结束之前就断了，可能复制中断），未添加。"
        "请重新从手机或相机复制这张照片后再添加。",
        "The photo {name} is incomplete (the file ends before the picture does: perhaps a copy "
        "that was interrupted); not added. Copy the photo again from the phone or camera, then "
        "add it again.",
    ),
    # the photo files an export carried, and those left for the next package (exchange/photo_budget.py)
    "export.photos_only": ("数据包不含新的或修改的记录，只带有此前未发出的照片文件 {n} 张",
                           "The package holds no new or changed record, only {n} photo file(s) "
                           "not sent before"),
    "export.photos_carried": ("照片文件：本数据包带有 {n} 张", "Photo files: the package carries {n}"),
    "export.photos_left": (
        "照片文件：另有 {left} 张尚未发出的照片文件超出一个数据包的上限（{limit}），未放入本数据包，"
        "留待下一个数据包发出：请再导出一次并勾选“包含照片文件”（命令行加 --attachments），直到不再有此提示",
        "Photo files: {left} more photo file(s) not sent yet would pass the limit of one package "
        "({limit}) and were left for the next one: export again with “Include photo files” "
        "(--attachments on the command line) until this note no longer appears"),
    "export.over_limit": (
        "未导出：{reason}，接收方会拒收这个数据包，因此没有写出，数据库未作改动；请把这条提示告知技术支持",
        "Not exported: {reason}: the receiver would refuse this package, so it was not written and "
        "the database is unchanged; tell technical support this message"),
    # an import keeps an order dated beyond the day it arrived, and says so (exchange/order_dates.py)
    "import.order_after_receipt": (
        "整改通知“{order}”的下达日期 {ordered_on} 晚于接收日期 {today}，整改期限 {deadline} 也由此推算，"
        "逾期提醒会因此推迟：可能是签名人电脑的日期不对。导入时照原样保留；请与签名人核实实际下达日期，"
        "并请其校正电脑日期",
        "The order “{order}” is dated {ordered_on}, after the day it was received ({today}); its "
        "deadline {deadline} counts from that date, so overdue warnings come late: the signer's "
        "computer clock may be wrong. The import keeps it as sent; check the real order date with the "
        "signer and ask them to correct their computer's date",
    ),
    "import.deadline_after_rule": (
        "整改通知“{order}”的整改期限 {deadline} 晚于今天（{today}）下达的整改按其规则应有的期限 {latest}，"
        "逾期提醒会因此推迟。导入时照原样保留；请与签名人核实下达日期和整改期限",
        "The order “{order}” has the deadline {deadline}, later than an order issued today ({today}) "
        "would have under its rules ({latest}), so overdue warnings come late. The import keeps it "
        "as sent; check the order date and the deadline with the signer",
    ),
    # exporting a list as shown (export/list_export.py)
    "list_export.write_failed": (
        "无法写入 {path}：{reason}。请换一个文件夹或文件名后再导出",
        "Could not write {path}: {reason}. Choose another folder or file name and export again",
    ),
    # opening a database file in the GUI (models/open_checks.py, instance_lock.py)
    "open.folder": ("{path} 是文件夹，不是数据库文件。请选择数据库文件（如 {example}）",
                    "{path} is a folder, not a database file. Choose the database file (e.g. {example})"),
    "open.spreadsheet": (
        "{path} 是电子表格（{kind}），不是 QCDesk 数据库，未打开。"
        "要导入其中的企业名录，请用“文件 ▸ 导入企业名录…”",
        "{path} is a spreadsheet ({kind}), not a QCDesk database; not opened. To import an enterprise "
        "list from it, use File ▸ Import enterprise list…"),
    "open.spreadsheet_cli": (
        "{path} 是电子表格（{kind}），不是 QCDesk 数据库，未打开，也未改动。"
        "请用 --db 给出数据库文件；要导入其中的企业名录，请用 qcdesk roster import",
        "{path} is a spreadsheet ({kind}), not a QCDesk database; not opened, nothing changed. Give the "
        "database file with --db; to import an enterprise list from it, use qcdesk roster import"),
    "open.empty": (
        "数据库文件 {path} 是空的（0 字节），不是 QCDesk 数据库，可能没有复制完整；未打开，也未改动。"
        "请重新复制该文件或从备份恢复；要新建数据库，请换一个新文件名",
        "Database file {path} is empty (0 bytes), not a QCDesk database: perhaps a copy that did not "
        "finish. Not opened, nothing changed. Copy it again or restore a backup; for a new database, "
        "give a new file name"),
    "open.read_only": (
        "数据库文件 {path} 不能写入（{reason}），QCDesk 只能打开可写入的数据库，未打开。"
        "请把它复制到可写入的文件夹（如“文档”）后打开副本",
        "Database file {path} cannot be written ({reason}); QCDesk opens only writable databases, so it "
        "was not opened. Copy it to a writable folder (such as Documents) and open the copy"),
    "open.lock_folder": (
        "无法在文件夹 {folder} 中写入 {name} 的锁文件（{reason}）。QCDesk 要在数据库所在的文件夹中写入文件："
        "请把数据库复制到可写入的文件夹（如“文档”）后打开副本",
        "Cannot write the lock file of {name} in the folder {folder} ({reason}). QCDesk writes files "
        "beside the database: copy it to a writable folder (such as Documents) and open the copy"),
    # a database on a network drive or in a sync folder: warned, still opened (models/storage_place.py)
    "open.network_drive": (
        "数据库文件 {path} 在网络盘上（{place}）。数据库放在网络盘上不安全：网络盘上的文件锁不可靠，"
        "网络断开或几台电脑同时打开同一个数据库，都可能损坏数据库、丢失记录。请把数据库放在本机硬盘上"
        "（如 {suggest}）；几台电脑之间共享数据，请导出、导入签名数据包；备份可以存到网络盘上",
        "The database file {path} is on a network drive ({place}). A database is not safe there: file "
        "locks on a network drive are unreliable, and a dropped connection or two computers opening the "
        "same database can damage it and lose records. Keep the database on this computer's own disk "
        "(e.g. {suggest}); to share data between computers, export and import signed packages; backups "
        "may go to the network drive"),
    "open.sync_folder": (
        "数据库文件 {path} 在同步文件夹中（{place}）。同步软件会在 QCDesk 写入的同时复制数据库和它旁边的 "
        "-wal、-shm 文件，还会生成冲突副本，可能损坏数据库、丢失记录。请把数据库放在本机不同步的文件夹中"
        "（如 {suggest}）；几台电脑之间共享数据，请导出、导入签名数据包；备份可以存到同步文件夹中",
        "The database file {path} is in a synced folder ({place}). The sync program copies the database "
        "and the -wal and -shm files beside it while QCDesk writes them, and makes conflict copies: this "
        "can damage the database and lose records. Keep the database in a folder of this computer that is "
        "not synced (e.g. {suggest}); to share data between computers, export and import signed packages; "
        "backups may go to the synced folder"),
    # `qcdesk restore` asks before it replaces the database (cli_safety.py)
    "restore.confirm": ("确认恢复？输入 y 继续 [y/N] ", "Restore? Type y to continue [y/N] "),
    "restore.declined": ("未恢复，数据库未作任何改动", "Not restored; the database is unchanged"),
    "restore.needs_yes": (
        "未恢复：恢复会替换当前数据库，须经确认；不在终端中运行（脚本、管道）时请加 --yes（-y）",
        "Not restored: a restore replaces the database and must be confirmed; add --yes (-y) when "
        "not running at a terminal (scripts, pipes)",
    ),
}
