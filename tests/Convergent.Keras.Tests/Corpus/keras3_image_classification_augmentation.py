# Keras 3 image classification from scratch (keras.io), with augmentation layers in a nested Sequential.
import os
import keras
from keras import layers
from tensorflow import data as tf_data

image_size = (180, 180)
batch_size = 128

train_ds, val_ds = keras.utils.image_dataset_from_directory(
    "PetImages",
    validation_split=0.2,
    subset="both",
    seed=1337,
    image_size=image_size,
    batch_size=batch_size,
)

data_augmentation_layers = [
    layers.RandomFlip("horizontal"),
    layers.RandomRotation(0.1),
]

data_augmentation = keras.Sequential(data_augmentation_layers + [layers.RandomZoom(0.1)])

model = keras.Sequential([
    keras.Input(shape=image_size + (3,)),
    data_augmentation,
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(128, 3, strides=2, padding="same"),
    layers.BatchNormalization(),
    layers.Activation("relu"),
    layers.Conv2D(256, 3, padding="same", activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dropout(0.25),
    layers.Dense(1, activation=None),
])

epochs = 25
callbacks = [
    keras.callbacks.ModelCheckpoint("save_at_{epoch}.keras"),
]
model.compile(
    optimizer=keras.optimizers.Adam(3e-4),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[keras.metrics.BinaryAccuracy(name="acc")],
)
model.fit(
    train_ds,
    epochs=epochs,
    callbacks=callbacks,
    validation_data=val_ds,
)
